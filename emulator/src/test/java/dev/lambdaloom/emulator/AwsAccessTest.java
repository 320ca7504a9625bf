package dev.lambdaloom.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AwsAccessTest {
  private static final AwsAccess LOCAL = AwsAccess.localOnly().withShellEnvironment(Map.of(
      "AWS_REGION", "eu-north-1", "AWS_DEFAULT_REGION", "eu-west-2"));

  @Test
  void localOnlyRunsKeepTheDefaultRegionAndAwsRunsTakeTheShells() {
    assertThat(LOCAL.region(null)).isEqualTo("us-east-1");
    assertThat(LOCAL.withReach(AwsReach.REAL_AWS).region(null)).isEqualTo("eu-north-1");
    assertThat(LOCAL.withReach(AwsReach.REAL_AWS).withShellEnvironment(Map.of("AWS_DEFAULT_REGION", "eu-west-2"))
        .region(null)).isEqualTo("eu-west-2");
    assertThat(LOCAL.withReach(AwsReach.REAL_AWS).region("ap-south-1")).as("asked for beats the shell")
        .isEqualTo("ap-south-1");
  }

  @Test
  void aLocalEndpointNeedsAServiceIdAndAnHttpUrl() {
    assertThat(LOCAL.withLocalEndpoints(Map.of("S3", "http://127.0.0.1:9090")).localEndpoints())
        .containsEntry("S3", URI.create("http://127.0.0.1:9090"));
    assertThatThrownBy(() -> LOCAL.withLocalEndpoints(Map.of("s3", "http://127.0.0.1:9090")))
        .hasMessageContaining("expected a service id like S3");
    assertThatThrownBy(() -> LOCAL.withLocalEndpoints(Map.of("S3", "127.0.0.1:9090")))
        .hasMessageContaining("expected an http(s) URL");
  }

  @Test
  void theShellsCredentialsAreDescribedWithoutTheirSecret() {
    ShellCredentials keys = ShellCredentials.of(Map.of("AWS_ACCESS_KEY_ID", "AKIAEXAMPLE1234WXYZ",
        "AWS_SECRET_ACCESS_KEY", "secret", "AWS_PROFILE", "ignored-when-keys-are-set"));

    assertThat(keys.describe()).isEqualTo("environment credentials (access key ...WXYZ)").doesNotContain("secret");
    assertThat(ShellCredentials.of(Map.of("AWS_PROFILE", "dev")).describe()).isEqualTo("profile dev");
    assertThat(ShellCredentials.of(Map.of("AWS_ACCESS_KEY_ID", "AKIA")).describe())
        .as("a key without its secret is not credentials").isEqualTo("profile default");
  }
}
