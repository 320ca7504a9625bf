package dev.lambdaloom.snapstart;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * The function's credentials as Lambda gives them, without the SDK's whole provider chain (its probing costs cold
 * start): the access key variables when set (an on-demand function; the emulator), else the container credentials
 * endpoint ({@code AWS_CONTAINER_CREDENTIALS_FULL_URI}), which is what Lambda gives a SnapStart function instead of
 * the access key variables. {@link #reload()}, run after a restore, reads the environment again and drops whatever
 * the provider cached: credentials in a snapshot belong to the moment it was taken.
 */
public final class RestorableCredentials implements AwsCredentialsProvider, SdkAutoCloseable {
  static final String ACCESS_KEY_VARIABLE = "AWS_ACCESS_KEY_ID";
  static final String CONTAINER_URI_VARIABLE = "AWS_CONTAINER_CREDENTIALS_FULL_URI";

  private final Supplier<Map<String, String>> environment;
  private final AtomicReference<AwsCredentialsProvider> current = new AtomicReference<>();

  private RestorableCredentials(Supplier<Map<String, String>> environment) {
    this.environment = environment;
    current.set(choose(environment.get()));
  }

  /** From the process environment, read now and again on every {@link #reload()}. */
  public static RestorableCredentials fromEnvironment() {
    return from(System::getenv);
  }

  /** From {@code environment}, read now and again on every {@link #reload()}. */
  public static RestorableCredentials from(Supplier<Map<String, String>> environment) {
    return new RestorableCredentials(environment);
  }

  static AwsCredentialsProvider choose(Map<String, String> environment) {
    if (isSet(environment.get(ACCESS_KEY_VARIABLE)) || !isSet(environment.get(CONTAINER_URI_VARIABLE))) {
      // Neither set: the access key provider's own error names the variables the function is missing.
      return EnvironmentVariableCredentialsProvider.create();
    }
    return ContainerCredentialsProvider.builder().build();
  }

  private static boolean isSet(String value) {
    return value != null && !value.isBlank();
  }

  /** Forgets the credentials held and reads the environment again: for after a restore. */
  public void reload() {
    close(current.getAndSet(choose(environment.get())));
  }

  /** The provider in use (for tests and logs). */
  AwsCredentialsProvider provider() {
    return current.get();
  }

  @Override
  public AwsCredentials resolveCredentials() {
    return current.get().resolveCredentials();
  }

  @Override
  public void close() {
    close(current.get());
  }

  private static void close(AwsCredentialsProvider provider) {
    if (provider instanceof SdkAutoCloseable closeable) {
      closeable.close();
    }
  }

  @Override
  public String toString() {
    return "RestorableCredentials[" + current.get().getClass().getSimpleName() + "]";
  }
}
