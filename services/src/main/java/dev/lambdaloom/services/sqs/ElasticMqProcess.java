package dev.lambdaloom.services.sqs;

import dev.lambdaloom.services.s3.ChildServer;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What is ElasticMQ's own in its child JVM: its configuration file, its command line, how it fails to bind. */
final class ElasticMqProcess {
  static final String CONFIG_FILE = "elasticmq.conf";
  static final String LOG_FILE = "elasticmq.log";

  private ElasticMqProcess() {}

  /**
   * Writes ElasticMQ's configuration into {@code folder}: the SQS API (JSON and query protocols) bound to
   * 127.0.0.1:{@code port} and nothing else (1.7 has no statistics listener; the UI is a separate package), queue URLs
   * naming that address, queue ARNs with {@code region} and {@code accountId}, queues and messages in memory only.
   * Returns the file.
   */
  static Path writeConfig(Path folder, int port, String region, String accountId) throws IOException {
    String config = """
        # Written by Lambdaloom's ElasticMqServer.
        include classpath("application.conf")
        node-address {
          protocol = "http"
          host = "127.0.0.1"
          port = %d
          context-path = ""
        }
        rest-sqs {
          enabled = true
          bind-port = %d
          bind-hostname = "127.0.0.1"
          sqs-limits = strict
        }
        generate-node-address = false
        queues-storage.enabled = false
        messages-storage.enabled = false
        aws {
          region = "%s"
          accountId = "%s"
        }
        """.formatted(port, port, quoted(region), quoted(accountId));
    Path file = folder.resolve(CONFIG_FILE);
    Files.writeString(file, config, StandardCharsets.UTF_8);
    return file;
  }

  static List<String> command(Path java, Path classPath, Path config, int heapMegabytes) {
    return List.of(
        java.toString(),
        "-Xmx" + heapMegabytes + "m",
        "-XX:+UseSerialGC",
        "-Dconfig.file=" + config,
        "-cp", classPath.resolve("*").toString(),
        "org.elasticmq.server.Main");
  }

  /** Starts the command and returns once it answers HTTP on {@code endpoint}, on loopback only. */
  static ChildServer start(List<String> command, Path log, URI endpoint) throws IOException, InterruptedException {
    return ChildServer.start(new ChildServer.Spec("ElasticMQ", command, log, endpoint, "Address already in use",
        "its only listener should be rest-sqs on 127.0.0.1 (these jars may be another ElasticMQ release).", true));
  }

  /** HOCON's quoted-string content: the values come from options, never from a user's file. */
  private static String quoted(String value) {
    if (!value.matches("[A-Za-z0-9-]+")) {
      throw new IllegalArgumentException("not a region or account id: '" + value + "'");
    }
    return value;
  }
}
