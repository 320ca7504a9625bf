package dev.lambdaloom.services;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The endpoints of the services started together, and the environment a function needs to use them: placeholder
 * credentials (the local services accept any), the region, and each service's variables.
 *
 * @param endpoints one per started service, in {@link Service} order
 * @param region the region clients should sign for
 */
public record ServiceEndpoints(List<Endpoint> endpoints, String region) {
  /** Not a real key: a function pointed at local endpoints never signs anything AWS would take. */
  public static final String PLACEHOLDER_CREDENTIAL = "lambdaloom";

  public ServiceEndpoints {
    endpoints = endpoints.stream().sorted(Comparator.comparing(Endpoint::service)).toList();
    Objects.requireNonNull(region, "region");
    if (endpoints.stream().map(Endpoint::service).distinct().count() != endpoints.size()) {
      throw new IllegalArgumentException("one endpoint per service: " + endpoints);
    }
  }

  /** The endpoint of {@code service}, if it was started. */
  public Optional<Endpoint> find(Service service) {
    return endpoints.stream().filter(endpoint -> endpoint.service() == service).findFirst();
  }

  /**
   * AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION and AWS_DEFAULT_REGION, then every service's variables
   * (AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL_DYNAMODB, DB_URL, DB_USER, DB_PASSWORD, AWS_ENDPOINT_URL_KINESIS,
   * AWS_ENDPOINT_URL_SECRETS_MANAGER).
   */
  public Map<String, String> environment() {
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("AWS_ACCESS_KEY_ID", PLACEHOLDER_CREDENTIAL);
    environment.put("AWS_SECRET_ACCESS_KEY", PLACEHOLDER_CREDENTIAL);
    environment.put("AWS_REGION", region);
    environment.put("AWS_DEFAULT_REGION", region);
    endpoints.forEach(endpoint -> environment.putAll(endpoint.variables()));
    return environment;
  }
}
