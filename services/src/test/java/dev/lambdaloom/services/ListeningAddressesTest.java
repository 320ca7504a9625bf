package dev.lambdaloom.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lambdaloom.loopback.ListeningSocket;
import dev.lambdaloom.loopback.ListeningSockets;
import dev.lambdaloom.services.dynamodb.DynamoDbLocal;
import dev.lambdaloom.services.dynamodb.ThrottlingProxy;
import dev.lambdaloom.services.iot.IotApiSimulator;
import dev.lambdaloom.services.kinesis.KinesisLocal;
import dev.lambdaloom.services.postgres.PostgresServer;
import dev.lambdaloom.services.s3.S3ProxyServer;
import dev.lambdaloom.services.s3.S3Server;
import dev.lambdaloom.services.sqs.ElasticMqServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Every embedded service is reachable from this machine only: each socket they listen on, in this JVM, in its child
 * processes (S3Mock, s3proxy, ElasticMQ) and in the PostgreSQL server (a daemon, no longer this JVM's descendant), is bound to a
 * loopback address, never to a wildcard or an interface. Read from /proc, whatever the services' settings claim.
 */
class ListeningAddressesTest {
  @Test
  void everyServiceListensOnLoopbackOnly() throws Exception {
    assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "reads Linux's /proc");
    try (S3Server s3 = S3Server.start();
         S3ProxyServer s3proxy = S3ProxyServer.start();
         ElasticMqServer sqs = ElasticMqServer.start();
         DynamoDbLocal dynamo = DynamoDbLocal.start();
         PostgresServer postgres = PostgresServer.startTemporary();
         IotApiSimulator iot = IotApiSimulator.start(IotApiSimulator.Options.defaults());
         KinesisLocal kinesis = KinesisLocal.start();
         ThrottlingProxy proxy = ThrottlingProxy.start(dynamo.endpoint(),
             new ThrottlingProxy.Faults(Set.of("PutItem"), 2, false))) {
      Set<ProcessHandle> processes = new LinkedHashSet<>(ListeningSockets.withDescendants(ProcessHandle.current()));
      for (ProcessHandle postmaster : ListeningSockets.listeningOn(postgres.port())) {
        processes.addAll(ListeningSockets.withDescendants(postmaster));
      }

      List<ListeningSocket> sockets = ListeningSockets.heldBy(processes);
      printWhatSsShows();
      System.out.println("Listening sockets of the services' processes: " + sockets);

      Map<String, Integer> ports = Map.of("S3", s3.port(), "s3proxy", s3proxy.port(), "ElasticMQ", sqs.port(),
          "DynamoDB Local", dynamo.port(), "PostgreSQL", postgres.port(), "IoT API simulator", iot.port(), "KinesisLocal", kinesis.port(),
          "ThrottlingProxy", proxy.endpoint().getPort());
      ports.forEach((service, port) -> assertThat(sockets).as(service + " is among the sockets read")
          .anySatisfy(s -> assertThat(s.port()).isEqualTo(port)));
      assertThat(sockets).as("sockets bound to a wildcard or an interface").filteredOn(s -> !s.loopbackOnly()).isEmpty();
    }
  }

  /** For the reader of the test's output only: {@code ss} may be missing, and nothing depends on it. */
  private static void printWhatSsShows() throws InterruptedException {
    List<String> command = new ArrayList<>(List.of("ss", "-ltnp"));
    try {
      Process ss = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (ss.waitFor(10, TimeUnit.SECONDS)) {
        System.out.println("ss -ltnp:\n" + output);
      } else {
        ss.destroyForcibly();
      }
    } catch (IOException noSs) {
      System.out.println("(no ss on this machine: " + noSs.getMessage() + ")");
    }
  }
}
