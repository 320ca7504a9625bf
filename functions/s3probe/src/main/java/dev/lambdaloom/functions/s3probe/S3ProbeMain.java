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
 *     [--request-timeout-ms N] [--max-objects N] [--timeout-s N] [--repeat N] [--region R]
 * </pre>
 * Each {@code --name value} is the event field of the same name. Real AWS only with {@code --aws} (the default
 * credential chain); with {@code --endpoint} it uses {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY} if set,
 * else placeholders. Prints the result as JSON, a line per run ({@code --repeat}: the same run again in the same JVM,
 * as a warm container would; the first pays for class loading and the JIT); exit status 0, 1 when a run failed, 2
 * for bad arguments. {@code --timeout-s} gives each run a deadline, as Lambda's timeout would.
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
    int repeat = 1;
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
          case "--timeout-s" -> timeoutSeconds = wholeNumber(name, value);
          case "--repeat" -> repeat = Math.toIntExact(wholeNumber(name, value));
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
      for (int run = 0; run < repeat; run++) {
        RunLimits limits = timeoutSeconds > 0
            ? RunLimits.before(Deadline.after(Duration.ofSeconds(timeoutSeconds)), request)
            : RunLimits.unbounded(request.concurrency());
        System.out.println(JsonText.of(new S3Probe(clients).run(request, limits).toJson()));
      }
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

  /** A whole number of at least 1, else a bad argument. */
  private static long wholeNumber(String option, String value) {
    try {
      long n = Long.parseLong(value);
      if (n >= 1 && n <= Integer.MAX_VALUE) return n;
    } catch (NumberFormatException e) {
      // reported below, with the option's name
    }
    throw new IllegalArgumentException(option + " takes a whole number from 1, not '" + value + "'");
  }

  private static AwsCredentialsProvider localCredentials(Map<String, String> environment) {
    String key = environment.get("AWS_ACCESS_KEY_ID");
    String secret = environment.get("AWS_SECRET_ACCESS_KEY");
    return StaticCredentialsProvider.create(key != null && secret != null ? AwsBasicCredentials.create(key, secret)
        : AwsBasicCredentials.create("local", "local"));
  }
}
