package dev.lambdaloom.emulator.events;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The properties of one event source mapping, validated against the ranges Lambda documents for its source (see
 * {@link MappingSettingsReader}). A value Lambda leaves unlimited is empty.
 *
 * @param batchSize the most records in one invocation
 * @param batchingWindow how long to gather records before invoking with fewer than batchSize (zero: at once)
 * @param startingPosition where a stream mapping starts; empty for queues and topics
 * @param startingTimestamp the instant for AT_TIMESTAMP, else empty
 * @param parallelizationFactor concurrent batches per shard (1-10), records of one partition key kept in order
 * @param bisectOnError split a failed batch in two and retry each half
 * @param maximumRetryAttempts retries of a failed batch before it is given up; empty: until the records expire
 * @param maximumRecordAge records older than this are given up without being delivered; empty: never
 * @param reportBatchItemFailures the function returns {@code batchItemFailures} for a partial success
 * @param onFailureDestination the ARN of the S3 bucket or SQS queue a given-up batch is described to; empty: none
 * @param filterPatterns FilterCriteria's patterns (JSON), a record is delivered when one matches; empty list: all
 * @param tumblingWindow the length of a tumbling window whose state is carried between invocations; empty: none
 * @param maximumConcurrency SQS ScalingConfig.MaximumConcurrency: invocations at once; empty: the function's limit
 * @param enabled false: the mapping exists and reads nothing
 */
public record MappingSettings(
    int batchSize,
    Duration batchingWindow,
    Optional<StartingPosition> startingPosition,
    Optional<Instant> startingTimestamp,
    int parallelizationFactor,
    boolean bisectOnError,
    Optional<Integer> maximumRetryAttempts,
    Optional<Duration> maximumRecordAge,
    boolean reportBatchItemFailures,
    Optional<String> onFailureDestination,
    List<String> filterPatterns,
    Optional<Duration> tumblingWindow,
    Optional<Integer> maximumConcurrency,
    boolean enabled) {

  /** Lambda's limit on the payload of one synchronous invocation, which bounds a batch whatever its BatchSize. */
  public static final long MAX_BATCH_PAYLOAD_BYTES = 6_291_456;

  public MappingSettings {
    Objects.requireNonNull(batchingWindow, "batchingWindow");
    Objects.requireNonNull(startingPosition, "startingPosition");
    Objects.requireNonNull(startingTimestamp, "startingTimestamp");
    Objects.requireNonNull(maximumRetryAttempts, "maximumRetryAttempts");
    Objects.requireNonNull(maximumRecordAge, "maximumRecordAge");
    Objects.requireNonNull(onFailureDestination, "onFailureDestination");
    Objects.requireNonNull(tumblingWindow, "tumblingWindow");
    Objects.requireNonNull(maximumConcurrency, "maximumConcurrency");
    filterPatterns = List.copyOf(filterPatterns);
  }

  /** Whether a batch that failed {@code retriesSoFar} times may be retried once more. */
  public boolean mayRetry(int retriesSoFar) {
    return maximumRetryAttempts.map(max -> retriesSoFar < max).orElse(true);
  }
}
