package dev.lambdaloom.functions.s3probe;

import dev.lambdaloom.core.Deadline;
import dev.lambdaloom.core.InvalidSettingException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * The probe outside Lambda, against any S3 endpoint, from the unzipped deployment package:
 * <pre>
 * java -cp 'DIR:DIR/lib/*' dev.lambdaloom.functions.s3probe.S3ProbeMain --endpoint http://127.0.0.1:9090 \
 *     --bucket B --prefix P/ --find TEXT [--mode sequential|concurrent] [--client NAME] [--concurrency N]
 *     [--request-timeout-ms N] [--max-objects N] [--timeout-s N] [--region R]
 * </pre>
 * Each {@code --name value} is the event field of the same name. Real AWS only with {@code --aws} (the default
 * credential chain); with {@code --endpoint} it uses {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY} if set,
 * else placeholders. Prints the result as JSON; exit status 0, 1 when the run failed, 2 for bad arguments.
 */
public final class S3ProbeMain {
  private static final Map<String, String> FIELDS = Map.of("--bucket", "bucket", "--prefix", "prefix", "--find", "find",
      "--mode", "mode", "--client", "client", "--concurrency", "concurrency", "--request-timeout-ms",
      "requestTimeoutMs", "--max-objects", "maxObjects");

  private S3ProbeMain() {}

  public static void main(String[] args) {
    System.exit(run(List.of(args), System.getenv()));
  }

  static int run(List<String> args, Map<String, String> environment) {
    Map<String, Object> event = new LinkedHashMap<>();
    String endpoint = null;
    String region = environment.getOrDefault("AWS_REGION", "us-east-1");
    boolean aws = false;
    long timeoutSeconds = 0;
    try {
      for (int i = 0; i < args.size(); i++) {
        String name = args.get(i);
        if (name.equals("--aws")) {
          aws = true;
          continue;
        }
        if (i + 1 >= args.size()) throw new IllegalArgumentException(name + " needs a value");
        String value = args.get(++i);
        switch (name) {
          case "--endpoint" -> endpoint = value;
          case "--region" -> region = value;
          case "--timeout-s" -> timeoutSeconds = Long.parseLong(value);
          default -> {
            String field = FIELDS.get(name);
            if (field == null) throw new IllegalArgumentException("unknown option " + name);
            event.put(field, value);
          }
        }
      }
      if ((endpoint == null) == !aws) {
        throw new IllegalArgumentException(aws ? "--aws and --endpoint exclude each other"
            : "give --endpoint URL (a local S3), or --aws to read real S3 with your default credentials");
      }
    } catch (IllegalArgumentException e) {
      System.err.println("s3probe: " + e.getMessage());
      return 2;
    }
    try (ProbeClients clients = new ProbeClients(Region.of(region), endpoint == null ? null : URI.create(endpoint),
        aws ? DefaultCredentialsProvider.builder().build() : localCredentials(environment))) {
      ProbeRequest request = ProbeRequest.from(event, Map.of());
      RunLimits limits = timeoutSeconds > 0
          ? RunLimits.before(Deadline.after(Duration.ofSeconds(timeoutSeconds)), request)
          : RunLimits.unbounded(request.concurrency());
      System.out.println(JsonText.of(new S3Probe(clients).run(request, limits).toJson()));
      return 0;
    } catch (InvalidSettingException e) {
      System.err.println("s3probe: " + e.getMessage());
      return 2;
    } catch (ProbeFailedException e) {
      System.err.println("s3probe: " + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }

  private static AwsCredentialsProvider localCredentials(Map<String, String> environment) {
    String key = environment.get("AWS_ACCESS_KEY_ID");
    String secret = environment.get("AWS_SECRET_ACCESS_KEY");
    return StaticCredentialsProvider.create(key != null && secret != null ? AwsBasicCredentials.create(key, secret)
        : AwsBasicCredentials.create("local", "local"));
  }
}
