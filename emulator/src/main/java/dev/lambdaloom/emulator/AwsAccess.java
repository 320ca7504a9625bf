package dev.lambdaloom.emulator;

import dev.lambdaloom.emulator.template.TemplateOverrides;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What functions may reach of AWS and with which credentials.
 *
 * @param reach local only (the default) or real AWS ({@code --aws})
 * @param shellEnvironment the environment the emulator was started in: where {@code --aws} takes credentials from;
 *     {@code System.getenv()} by default, another map in tests
 * @param localEndpoints services running on this machine, by the service id of their
 *     {@code AWS_ENDPOINT_URL_<SERVICE>} variable ({@code S3}, {@code DYNAMODB}, {@code LAMBDA}): each function gets
 *     that variable, local only
 */
public record AwsAccess(AwsReach reach, Map<String, String> shellEnvironment, Map<String, URI> localEndpoints) {
  private static final Pattern SERVICE_ID = Pattern.compile("[A-Z0-9_]+");

  public AwsAccess {
    shellEnvironment = Collections.unmodifiableMap(new LinkedHashMap<>(shellEnvironment));
    localEndpoints = Collections.unmodifiableMap(new LinkedHashMap<>(localEndpoints));
  }

  /** Local only, in the process's own environment, no local services yet. */
  public static AwsAccess localOnly() {
    return new AwsAccess(AwsReach.LOCAL_ONLY, System.getenv(), Map.of());
  }

  public AwsAccess withReach(AwsReach value) {
    return new AwsAccess(value, shellEnvironment, localEndpoints);
  }

  public AwsAccess withShellEnvironment(Map<String, String> value) {
    return new AwsAccess(reach, value, localEndpoints);
  }

  /**
   * Adds local services, e.g. {@code {"S3": "http://127.0.0.1:9090"}}: the key is what follows
   * {@code AWS_ENDPOINT_URL_} in the SDKs' variable (upper case), the value an http(s) URL.
   */
  public AwsAccess withLocalEndpoints(Map<String, String> endpoints) {
    Map<String, URI> merged = new LinkedHashMap<>(localEndpoints);
    endpoints.forEach((service, url) -> {
      if (!SERVICE_ID.matcher(service).matches()) {
        throw new IllegalArgumentException("local endpoint for '" + service + "': expected a service id like S3 or"
            + " DYNAMODB (as in AWS_ENDPOINT_URL_DYNAMODB)");
      }
      merged.put(service, httpUrl(service, url));
    });
    return new AwsAccess(reach, shellEnvironment, merged);
  }

  private static URI httpUrl(String service, String url) {
    String problem = "local endpoint for " + service + ": expected an http(s) URL, got " + url;
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(problem, e);
    }
    if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
      throw new IllegalArgumentException(problem);
    }
    return uri;
  }

  /** The credentials {@code --aws} hands functions. */
  public ShellCredentials shellCredentials() {
    return ShellCredentials.of(shellEnvironment);
  }

  /**
   * The region functions see: the one asked for, else, with {@code --aws}, the shell's AWS_REGION or
   * AWS_DEFAULT_REGION (as the SDKs read them), else {@value TemplateOverrides#DEFAULT_REGION}. Local-only runs do
   * not take the shell's: local services hold their data per region, and the CLI's own clients use the default.
   */
  public String region(String asked) {
    if (asked != null) {
      return asked;
    }
    if (reach == AwsReach.REAL_AWS) {
      for (String variable : new String[] {"AWS_REGION", "AWS_DEFAULT_REGION"}) {
        String value = shellEnvironment.get(variable);
        if (value != null && !value.isBlank()) {
          return value.trim().toLowerCase(Locale.ROOT);
        }
      }
    }
    return TemplateOverrides.DEFAULT_REGION;
  }
}
