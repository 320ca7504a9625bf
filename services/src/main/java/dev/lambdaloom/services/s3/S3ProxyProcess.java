package dev.lambdaloom.services.s3;

import dev.lambdaloom.services.ServiceEndpoints;
import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/** What is s3proxy's own in its child JVM: its properties file, its command line, how to recognise its failures. */
final class S3ProxyProcess {
  static final String PROPERTIES_FILE = "s3proxy.properties";

  private S3ProxyProcess() {}

  /**
   * Writes s3proxy's properties into {@code folder}: its only listener on 127.0.0.1:{@code port}, AWS signatures (V2
   * or V4) checked against the placeholder credentials, and the jclouds provider, with its objects under
   * {@code objects} for {@code filesystem}. Returns the file.
   */
  static Path writeProperties(Path folder, int port, String provider, Path objects) throws IOException {
    Properties properties = new Properties();
    properties.setProperty("s3proxy.endpoint", ChildS3Server.endpoint(port));
    properties.setProperty("s3proxy.authorization", "aws-v2-or-v4");
    properties.setProperty("s3proxy.identity", ServiceEndpoints.PLACEHOLDER_CREDENTIAL);
    properties.setProperty("s3proxy.credential", ServiceEndpoints.PLACEHOLDER_CREDENTIAL);
    properties.setProperty("jclouds.provider", provider);
    properties.setProperty("jclouds.identity", "");
    properties.setProperty("jclouds.credential", "");
    if (objects != null) {
      properties.setProperty("jclouds.filesystem.basedir", objects.toString());
    }
    Path file = folder.resolve(PROPERTIES_FILE);
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      properties.store(out, "Written by Lambdaloom's S3ProxyServer");
    }
    return file;
  }

  static List<String> command(Path java, Path jar, Path properties, int heapMegabytes) {
    return List.of(
        java.toString(),
        "-Xmx" + heapMegabytes + "m",
        "-XX:+UseSerialGC",
        // Logback's report on its own configuration would fill the log's first lines.
        "-Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener",
        // s3proxy's logback.xml reads LOG_LEVEL: a system property wins over the variable of the same name.
        "-DLOG_LEVEL=info",
        "-jar", jar.toString(),
        "--properties", properties.toString());
  }

  /** Starts the command and returns once it answers HTTP on {@code endpoint}. */
  static ChildServer start(List<String> command, Path log, URI endpoint) throws IOException, InterruptedException {
    return ChildServer.start(new ChildServer.Spec("s3proxy", command, log, endpoint, "Failed to bind",
        "its only listener should be s3proxy.endpoint, on 127.0.0.1 (this jar may be another s3proxy release)."));
  }
}
