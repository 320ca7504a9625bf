package dev.lambdaloom.snapstart;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;

class RestorableCredentialsTest {
  @Test
  void usesTheAccessKeyVariablesWhenSet() {
    RestorableCredentials credentials = RestorableCredentials.from(() -> Map.of("AWS_ACCESS_KEY_ID", "a",
        "AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:9/"));
    assertThat(credentials.provider()).isInstanceOf(EnvironmentVariableCredentialsProvider.class);
  }

  @Test
  void usesTheContainerEndpointWhenOnlyItIsSetAsOnSnapStart() {
    RestorableCredentials credentials = RestorableCredentials.from(
        () -> Map.of("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:9/"));
    assertThat(credentials.provider()).isInstanceOf(ContainerCredentialsProvider.class);
    credentials.close();
  }

  @Test
  void reloadReadsTheEnvironmentAgainAndDropsTheProviderHeld() {
    Map<String, String> environment = new HashMap<>(Map.of("AWS_ACCESS_KEY_ID", "a"));
    RestorableCredentials credentials = RestorableCredentials.from(() -> environment);
    var before = credentials.provider();
    environment.clear();
    environment.put("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:9/");
    credentials.reload();
    assertThat(credentials.provider()).isInstanceOf(ContainerCredentialsProvider.class).isNotSameAs(before);
    credentials.reload();
    credentials.reload();
    assertThat(credentials.provider()).isInstanceOf(ContainerCredentialsProvider.class);
    credentials.close();
  }

  /**
   * Lambda's container credentials endpoint as SnapStart functions have it, on loopback: each request gets new keys.
   * Credentials resolved before a snapshot are cached by the provider; after reload the next request fetches anew.
   */
  @Test
  void fetchesNewCredentialsFromTheContainerEndpointAfterReload() throws IOException {
    AtomicInteger served = new AtomicInteger();
    HttpServer endpoint = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    endpoint.createContext("/credentials", exchange -> {
      int n = served.incrementAndGet();
      byte[] body = ("{\"AccessKeyId\":\"KEY" + n + "\",\"SecretAccessKey\":\"secret\",\"Token\":\"token\","
          + "\"Expiration\":\"" + Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS) + "\"}")
          .getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    endpoint.start();
    String uri = "http://127.0.0.1:" + endpoint.getAddress().getPort() + "/credentials";
    System.setProperty("aws.containerCredentialsFullUri", uri); // the SDK reads the property before the variable
    try {
      RestorableCredentials credentials = RestorableCredentials.from(
          () -> Map.of("AWS_CONTAINER_CREDENTIALS_FULL_URI", uri));
      assertThat(credentials.resolveCredentials().accessKeyId()).isEqualTo("KEY1");
      assertThat(credentials.resolveCredentials().accessKeyId()).as("cached, as in a snapshot").isEqualTo("KEY1");
      credentials.reload();
      assertThat(credentials.resolveCredentials().accessKeyId()).isEqualTo("KEY2");
      credentials.close();
    } finally {
      System.clearProperty("aws.containerCredentialsFullUri");
      endpoint.stop(0);
    }
  }
}
