package dev.lambdaloom.snapstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;

class RestorableCredentialsTest {
  @Test
  void usesTheAccessKeyVariablesWhenSet() {
    RestorableCredentials credentials = new RestorableCredentials(() -> Map.of("AWS_ACCESS_KEY_ID", "a",
        "AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:9/"));
    assertThat(credentials.provider()).isInstanceOf(EnvironmentVariableCredentialsProvider.class);
  }

  @Test
  void usesTheContainerEndpointWhenOnlyItIsSetAsOnSnapStart() {
    RestorableCredentials credentials = new RestorableCredentials(
        () -> Map.of("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:9/"));
    assertThat(credentials.provider()).isInstanceOf(ContainerCredentialsProvider.class);
    credentials.close();
  }

  @Test
  void reloadReadsTheEnvironmentAgainAndDropsTheProviderHeld() {
    Map<String, String> environment = new HashMap<>(Map.of("AWS_ACCESS_KEY_ID", "a"));
    RestorableCredentials credentials = new RestorableCredentials(() -> environment);
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
}
