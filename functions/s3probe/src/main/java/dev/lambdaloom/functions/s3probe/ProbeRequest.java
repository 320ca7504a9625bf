package dev.lambdaloom.functions.s3probe;

import dev.lambdaloom.core.InvalidSettingException;
import dev.lambdaloom.core.Settings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What one probe run does, read strictly from the event (and, for the bucket, the function's environment):
 * {@code {bucket, prefix, find, mode, concurrency, client, requestTimeoutMs, maxObjects}}. Every problem is reported
 * at once, before any request is sent.
 *
 * @param bucket the bucket to read ({@code bucket}, else the {@code PROBE_BUCKET} variable)
 * @param prefix the folder to read; never empty, so a probe never reads a whole bucket by accident
 * @param find the UTF-8 bytes counted in every object (1 to {@value #MAX_FIND_BYTES} bytes)
 * @param mode sequential or concurrent
 * @param concurrency the objects read at a time, 1 to {@value #MAX_CONCURRENCY} (1 when sequential)
 * @param client the client option
 * @param requestTimeout the longest one GET may wait for its response headers, and then for each part of its body,
 *     before it counts as a {@code Timeout}
 * @param maxObjects the most objects the listing may return; more is an error, not a silent cut
 */
public record ProbeRequest(String bucket, String prefix, byte[] find, Mode mode, int concurrency, ClientKind client,
    Duration requestTimeout, int maxObjects) {
  public static final int MAX_CONCURRENCY = 1_000;
  public static final int MAX_FIND_BYTES = 1_024;
  public static final int DEFAULT_CONCURRENCY = 64;
  public static final int DEFAULT_MAX_OBJECTS = 100_000;
  public static final long DEFAULT_REQUEST_TIMEOUT_MS = 10_000;

  public ProbeRequest {
    find = find.clone();
  }

  @Override
  public byte[] find() {
    return find.clone();
  }

  public String findText() {
    return new String(find, StandardCharsets.UTF_8);
  }

  /** Reads and checks every field; throws one {@link InvalidSettingException} naming every problem. */
  public static ProbeRequest from(Map<String, ?> event, Map<String, String> environment) {
    Settings settings = Settings.of(event, environment);
    List<InvalidSettingException> problems = new ArrayList<>();
    String bucket = read(problems, () -> required(settings.text("bucket", "PROBE_BUCKET", ""), "bucket",
        "name the bucket to read"));
    String prefix = read(problems, () -> required(settings.text("prefix", null, ""), "prefix",
        "name the folder to read (an empty prefix would read the whole bucket)"));
    String find = read(problems, () -> {
      String text = required(settings.text("find", null, ""), "find", "give the text to count in every object");
      if (text.getBytes(StandardCharsets.UTF_8).length > MAX_FIND_BYTES) {
        throw new InvalidSettingException("find", "find must be at most " + MAX_FIND_BYTES + " bytes of UTF-8");
      }
      return text;
    });
    Mode mode = read(problems, () -> settings.choice("mode", null, Mode.CONCURRENT, Mode.class, Mode::label));
    Integer concurrency = read(problems, () -> settings.wholeNumber("concurrency", null,
        mode == Mode.SEQUENTIAL ? 1 : DEFAULT_CONCURRENCY, 1, MAX_CONCURRENCY));
    ClientKind client = read(problems, () -> settings.choice("client", null,
        mode == Mode.SEQUENTIAL ? ClientKind.SYNC : ClientKind.VIRTUAL_THREADS, ClientKind.class, ClientKind::label));
    Long timeoutMs = read(problems, () -> settings.wholeNumber("requestTimeoutMs", "PROBE_REQUEST_TIMEOUT_MS",
        DEFAULT_REQUEST_TIMEOUT_MS, 100, 900_000));
    Integer maxObjects = read(problems, () -> settings.wholeNumber("maxObjects", null, DEFAULT_MAX_OBJECTS, 1,
        10_000_000));
    if (mode != null && client != null) {
      if (mode == Mode.SEQUENTIAL && client != ClientKind.SYNC) {
        problems.add(new InvalidSettingException("client", "a sequential probe reads with the sync client in a loop;"
            + " client " + client.label() + " needs mode concurrent"));
      } else if (mode == Mode.CONCURRENT && client == ClientKind.SYNC) {
        problems.add(new InvalidSettingException("client", "client sync is the sequential loop; a concurrent probe"
            + " uses virtual-threads, platform-threads, netty or crt"));
      }
      if (mode == Mode.SEQUENTIAL && concurrency != null && concurrency != 1) {
        problems.add(new InvalidSettingException("concurrency", "a sequential probe reads one object at a time;"
            + " concurrency must be 1 or absent, not " + concurrency));
      }
    }
    if (client != null && !client.inThisPackage()) {
      problems.add(new InvalidSettingException("client", "client " + client.label() + " is not in this deployment"
          + " package; it is in " + client.packageName()));
    }
    if (!problems.isEmpty()) {
      List<String> messages = problems.stream().map(InvalidSettingException::getMessage).toList();
      InvalidSettingException first = problems.getFirst();
      InvalidSettingException all = new InvalidSettingException(first.setting(), String.join("; ", messages));
      problems.forEach(all::addSuppressed);
      throw all;
    }
    return new ProbeRequest(bucket, prefix, find.getBytes(StandardCharsets.UTF_8), mode, concurrency, client,
        Duration.ofMillis(timeoutMs), maxObjects);
  }

  private static String required(String value, String name, String hint) {
    if (value.isBlank()) throw new InvalidSettingException(name, name + " is required and must not be empty: " + hint);
    return value;
  }

  private static <T> T read(List<InvalidSettingException> problems, Supplier<T> field) {
    try {
      return field.get();
    } catch (InvalidSettingException e) {
      problems.add(e);
      return null;
    }
  }

  /** A one-line description for the function's log. */
  public String describe() {
    return "s3://" + bucket + "/" + prefix + " find '" + findText() + "' " + mode.label() + " " + client.label()
        + " x" + concurrency + ", request timeout " + requestTimeout.toMillis() + " ms";
  }
}
