package dev.lambdaloom.emulator.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lambdaloom.emulator.events.filter.RecordFilter;
import dev.lambdaloom.emulator.template.TemplateException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads an event's {@code Properties} into {@link MappingSettings} with Lambda's defaults and ranges for its source
 * (CreateEventSourceMapping's documentation): a value outside them, of the wrong type, or a property the source does
 * not take is refused with the event's path, as CloudFormation would refuse the deployment. One instance per event.
 */
final class MappingSettingsReader {
  private static final Set<String> STREAM_PROPERTIES = Set.of("Stream", "BatchSize", "MaximumBatchingWindowInSeconds",
      "StartingPosition", "StartingPositionTimestamp", "ParallelizationFactor", "BisectBatchOnFunctionError",
      "MaximumRetryAttempts", "MaximumRecordAgeInSeconds", "FunctionResponseTypes", "DestinationConfig",
      "FilterCriteria", "TumblingWindowInSeconds", "Enabled", "KmsKeyArn", "MetricsConfig");
  private static final Set<String> QUEUE_PROPERTIES = Set.of("Queue", "BatchSize", "MaximumBatchingWindowInSeconds",
      "FunctionResponseTypes", "FilterCriteria", "Enabled", "ScalingConfig", "KmsKeyArn", "MetricsConfig");
  private static final Set<String> TOPIC_PROPERTIES = Set.of("Topic", "FilterPolicy", "FilterPolicyScope", "Region",
      "SqsSubscription", "RedrivePolicy");

  private final SourceKind kind;
  private final Map<?, ?> properties;
  private final String where;

  MappingSettingsReader(SourceKind kind, Map<?, ?> properties, String where) {
    this.kind = kind;
    this.properties = properties;
    this.where = where;
  }

  MappingSettings read() {
    Set<String> allowed = switch (kind) {
      case DYNAMODB, KINESIS -> STREAM_PROPERTIES;
      case SQS -> QUEUE_PROPERTIES;
      case SNS -> TOPIC_PROPERTIES;
    };
    for (Object key : properties.keySet()) {
      if (!allowed.contains(String.valueOf(key))) {
        throw new TemplateException(where + ": " + kind.samType() + " events take no property '" + key
            + "' (they take " + new java.util.TreeSet<>(allowed) + ")");
      }
    }
    return switch (kind) {
      case DYNAMODB, KINESIS -> stream();
      case SQS -> queue();
      case SNS -> topic();
    };
  }

  private MappingSettings stream() {
    int batchSize = integer("BatchSize", 100, 1, 10_000);
    Duration window = Duration.ofSeconds(integer("MaximumBatchingWindowInSeconds", 0, 0, 300));
    String positionText = string("StartingPosition").orElseThrow(() -> new TemplateException(where
        + ": StartingPosition is required for " + kind.samType() + " events (TRIM_HORIZON or LATEST"
        + (kind == SourceKind.KINESIS ? " or AT_TIMESTAMP)" : ")")));
    StartingPosition position;
    try {
      position = StartingPosition.valueOf(positionText);
    } catch (IllegalArgumentException e) {
      throw new TemplateException(where + ".StartingPosition: '" + positionText
          + "' is not TRIM_HORIZON, LATEST or AT_TIMESTAMP", e);
    }
    Optional<Instant> timestamp = Optional.empty();
    if (position == StartingPosition.AT_TIMESTAMP) {
      if (kind != SourceKind.KINESIS) {
        throw new TemplateException(where + ".StartingPosition: AT_TIMESTAMP is for Kinesis streams only");
      }
      double seconds = number("StartingPositionTimestamp").orElseThrow(() -> new TemplateException(where
          + ": StartingPosition AT_TIMESTAMP needs StartingPositionTimestamp (seconds since the epoch)"));
      timestamp = Optional.of(Instant.ofEpochMilli(Math.round(seconds * 1000)));
    } else if (properties.containsKey("StartingPositionTimestamp")) {
      throw new TemplateException(where + ": StartingPositionTimestamp goes with StartingPosition AT_TIMESTAMP only");
    }
    int parallelization = integer("ParallelizationFactor", 1, 1, 10);
    boolean bisect = bool("BisectBatchOnFunctionError", false);
    int retries = integer("MaximumRetryAttempts", -1, -1, 10_000);
    int age = integer("MaximumRecordAgeInSeconds", -1, -1, 604_800);
    if (age != -1 && age < 60) {
      throw new TemplateException(where + ".MaximumRecordAgeInSeconds: " + age
          + " is out of range (-1 for no limit, or 60 to 604800)");
    }
    int tumbling = integer("TumblingWindowInSeconds", 0, 0, 900);
    return new MappingSettings(batchSize, window, Optional.of(position), timestamp, parallelization, bisect,
        retries == -1 ? Optional.empty() : Optional.of(retries),
        age == -1 ? Optional.empty() : Optional.of(Duration.ofSeconds(age)), reportsItemFailures(),
        onFailureDestination(), filterPatterns(),
        tumbling == 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(tumbling)), Optional.empty(),
        bool("Enabled", true));
  }

  private MappingSettings queue() {
    int batchSize = integer("BatchSize", 10, 1, 10_000);
    int windowSeconds = integer("MaximumBatchingWindowInSeconds", 0, 0, 300);
    if (batchSize > 10 && windowSeconds < 1) {
      throw new TemplateException(where + ": a BatchSize over 10 needs MaximumBatchingWindowInSeconds of at least 1"
          + " for SQS events");
    }
    Optional<Integer> concurrency = Optional.empty();
    if (properties.get("ScalingConfig") instanceof Map<?, ?> scaling && scaling.containsKey("MaximumConcurrency")) {
      concurrency = Optional.of(new MappingSettingsReader(kind, scaling, where + ".ScalingConfig")
          .integer("MaximumConcurrency", 2, 2, 1000));
    }
    return new MappingSettings(batchSize, Duration.ofSeconds(windowSeconds), Optional.empty(), Optional.empty(), 1,
        false, Optional.empty(), Optional.empty(), reportsItemFailures(), Optional.empty(), filterPatterns(),
        Optional.empty(), concurrency, bool("Enabled", true));
  }

  private MappingSettings topic() {
    List<String> filters = new ArrayList<>();
    Object policy = properties.get("FilterPolicy");
    if (policy != null) {
      String text = policy instanceof String s ? s : Json.write(policy);
      checkPattern(text, where + ".FilterPolicy");
      filters.add(text);
    }
    return new MappingSettings(1, Duration.ZERO, Optional.empty(), Optional.empty(), 1, false, Optional.of(2),
        Optional.empty(), false, Optional.empty(), filters, Optional.empty(), Optional.empty(), true);
  }

  private boolean reportsItemFailures() {
    Object types = properties.get("FunctionResponseTypes");
    if (types == null) {
      return false;
    }
    if (!(types instanceof List<?> list) || list.stream().anyMatch(t -> !"ReportBatchItemFailures".equals(t))) {
      throw new TemplateException(where + ".FunctionResponseTypes: must be a list whose only value is"
          + " ReportBatchItemFailures, not " + types);
    }
    return !list.isEmpty();
  }

  private Optional<String> onFailureDestination() {
    Object config = properties.get("DestinationConfig");
    if (config == null) {
      return Optional.empty();
    }
    if (!(config instanceof Map<?, ?> map) || !(map.get("OnFailure") instanceof Map<?, ?> onFailure)
        || !(onFailure.get("Destination") instanceof String arn)) {
      throw new TemplateException(where + ".DestinationConfig: must be {OnFailure: {Destination: ARN}}");
    }
    if (!arn.startsWith("arn:aws:sqs:") && !arn.startsWith("arn:aws:s3:::")) {
      throw new TemplateException(where + ".DestinationConfig.OnFailure.Destination: '" + arn
          + "' is neither an SQS queue nor an S3 bucket ARN (the emulator delivers failure records to those two)");
    }
    return Optional.of(arn);
  }

  private List<String> filterPatterns() {
    Object criteria = properties.get("FilterCriteria");
    if (criteria == null) {
      return List.of();
    }
    if (!(criteria instanceof Map<?, ?> map) || !(map.get("Filters") instanceof List<?> filters)) {
      throw new TemplateException(where + ".FilterCriteria: must be {Filters: [{Pattern: JSON}, ...]}");
    }
    if (filters.size() > 5) {
      throw new TemplateException(where + ".FilterCriteria: at most 5 filters per mapping, not " + filters.size());
    }
    List<String> patterns = new ArrayList<>();
    for (int i = 0; i < filters.size(); i++) {
      if (!(filters.get(i) instanceof Map<?, ?> filter) || filter.get("Pattern") == null) {
        throw new TemplateException(where + ".FilterCriteria.Filters[" + i + "]: must be {Pattern: JSON}");
      }
      Object pattern = filter.get("Pattern");
      String text = pattern instanceof String s ? s : Json.write(pattern);
      if (text.length() > 4096) {
        throw new TemplateException(where + ".FilterCriteria.Filters[" + i + "]: a pattern is at most 4096"
            + " characters");
      }
      String at = where + ".FilterCriteria.Filters[" + i + "].Pattern";
      checkPattern(text, at);
      checkDataPropertiesAreJson(text, at);
      patterns.add(text);
    }
    return patterns;
  }

  /** Parses the pattern as the mapping will, so a pattern Lambda would refuse fails the template load instead. */
  private static void checkPattern(String text, String at) {
    try {
      RecordFilter.of(List.of(text));
    } catch (IllegalArgumentException e) {
      throw new TemplateException(at + ": " + e.getMessage(), e);
    }
  }

  /**
   * Lambda refuses a stream pattern whose data property ({@code data} for Kinesis, {@code dynamodb} for DynamoDB) is
   * a rule list rather than an object of fields: stream data is matched as JSON only. SQS takes both forms for
   * {@code body}, as a message body may be plain text.
   */
  private void checkDataPropertiesAreJson(String text, String at) {
    String dataKey = switch (kind) {
      case KINESIS -> "data";
      case DYNAMODB -> "dynamodb";
      case SQS, SNS -> null;
    };
    if (dataKey == null) {
      return;
    }
    JsonNode data;
    try {
      data = Json.MAPPER.readTree(text).get(dataKey);
    } catch (JsonProcessingException e) {
      throw new TemplateException(at + ": not valid JSON", e);
    }
    if (data != null && !data.isObject()) {
      throw new TemplateException(at + ": the " + dataKey + " property of a " + kind.samType() + " filter must be"
          + " an object of fields ({\"" + dataKey + "\": {\"field\": [rules]}}), not " + data);
    }
  }

  private int integer(String name, int absent, int min, int max) {
    Object value = properties.get(name);
    if (value == null) {
      return absent;
    }
    int parsed;
    try {
      parsed = value instanceof Number n && n.doubleValue() == n.intValue() ? n.intValue()
          : Integer.parseInt(String.valueOf(value).trim());
    } catch (NumberFormatException e) {
      throw new TemplateException(where + "." + name + ": '" + value + "' is not a whole number", e);
    }
    if (parsed < min || parsed > max) {
      throw new TemplateException(where + "." + name + ": " + parsed + " is out of range (" + min + " to " + max
          + " for " + kind.samType() + " events)");
    }
    return parsed;
  }

  private Optional<Double> number(String name) {
    Object value = properties.get(name);
    if (value == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(value instanceof Number n ? n.doubleValue() : Double.parseDouble(String.valueOf(value)));
    } catch (NumberFormatException e) {
      throw new TemplateException(where + "." + name + ": '" + value + "' is not a number", e);
    }
  }

  private Optional<String> string(String name) {
    Object value = properties.get(name);
    return value == null ? Optional.empty() : Optional.of(String.valueOf(value));
  }

  private boolean bool(String name, boolean absent) {
    Object value = properties.get(name);
    if (value == null) {
      return absent;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    return switch (String.valueOf(value).trim().toLowerCase(java.util.Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new TemplateException(where + "." + name + ": '" + value + "' is not true or false");
    };
  }
}
