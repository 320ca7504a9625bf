package dev.lambdaloom.services.s3;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What is S3Mock's own in its child JVM: its command line and how to recognise its failures. */
final class S3MockProcess {
  private S3MockProcess() {}

  static List<String> command(Path java, Path jar, int port, Path dataDirectory, List<String> initialBuckets,
      String region) {
    List<String> command = new ArrayList<>(List.of(
        java.toString(),
        "-Xmx384m",
        "-XX:+UseSerialGC",
        // C1 only and the CDS archive: S3Mock is a test server, start time matters more than peak speed.
        "-XX:TieredStopAtLevel=1",
        "-Xshare:auto",
        "-jar", jar.toString(),
        // S3Mock's main connector (server.*) is HTTPS by default: it serves plain HTTP on loopback here.
        // Its extra HTTP connector (http.port) gets a random port nobody uses; S3Server adds the
        // LoopbackConnector arguments that bind it to 127.0.0.1 too.
        "--server.address=127.0.0.1",
        "--server.port=" + port,
        "--server.ssl.enabled=false",
        "--http.port=0",
        "--spring.main.banner-mode=off",
        "--com.adobe.testing.s3mock.store.root=" + dataDirectory,
        // S3Server decides what happens to the files; S3Mock would delete its root on exit.
        "--com.adobe.testing.s3mock.store.retain-files-on-exit=true",
        "--com.adobe.testing.s3mock.store.region=" + region));
    if (!initialBuckets.isEmpty()) {
      command.add("--com.adobe.testing.s3mock.store.initial-buckets=" + String.join(",", initialBuckets));
    }
    return command;
  }

  /** Starts the command and returns once it answers HTTP on {@code endpoint}. */
  static ChildServer start(List<String> command, Path log, URI endpoint) throws IOException, InterruptedException {
    return ChildServer.start(new ChildServer.Spec("S3Mock", command, log, endpoint, "already in use",
        "this S3Mock jar does not take LoopbackConnector's settings (S3Mock 5.2.0 does)."));
  }
}
