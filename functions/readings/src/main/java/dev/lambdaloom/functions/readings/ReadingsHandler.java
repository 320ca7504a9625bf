package dev.lambdaloom.functions.readings;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.lambdaloom.core.Deadline;
import dev.lambdaloom.core.batch.BatchResult;
import dev.lambdaloom.core.batch.KeyedBatch;
import dev.lambdaloom.snapstart.RestorableCredentials;
import dev.lambdaloom.snapstart.SnapStartHooks;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Keeps per-device aggregates of IoT readings from a Kinesis stream: each record's data is one reading document (the
 * format ingest fetches, validated as strictly by the same {@link dev.lambdaloom.readingformat.ReadingParser}), its
 * partition key the device id; the aggregates are items of {@code DEVICE_TABLE} (see {@link DeviceTable}).
 *
 * <p>A device's readings are applied in stream order, one at a time; different devices in parallel (core's
 * {@link KeyedBatch}). Each reading is applied once however often Lambda delivers it: the update is conditional on
 * the device's last applied sequence number. The answer is a partial batch response (the event source mapping needs
 * {@code FunctionResponseTypes: [ReportBatchItemFailures]}): the sequence number of every record not applied.
 *
 * <p>Malformed records (data that is no reading document: invalid JSON, wrong or missing fields, empty; no partition
 * key) are reported as batch item failures too, each logged with the parser's reason, and never fail the invocation.
 * They would fail again on every delivery, so what becomes of them is the event source mapping's documented
 * behaviour: Lambda retries from the first failed record up to MaximumRetryAttempts (splitting the batch when
 * BisectBatchOnFunctionError is on), discards records older than MaximumRecordAgeInSeconds, then sends the batch's
 * details to the on-failure destination and moves on; the stream holds the bytes until its retention ends. Meanwhile
 * a malformed record holds nothing back: it has an ordering key of its own, so its device's later readings are applied
 * on the first delivery (and found already counted on the retries). A reading whose write fails does hold back its
 * device's later readings, so they are never applied out of order. The invocation itself fails only when its
 * settings are missing, before any record is touched.
 */
public final class ReadingsHandler implements RequestHandler<KinesisEvent, StreamsEventResponse> {
  /**
   * The most one reading takes: a read and an update of {@link ReadingsClient#CALL_TIMEOUT} each, for each of
   * {@link DeviceTable#MAX_ATTEMPTS}. No reading starts later than this before the timeout.
   */
  static final Duration RECORD_BUDGET = ReadingsClient.CALL_TIMEOUT.multipliedBy(2L * DeviceTable.MAX_ATTEMPTS);

  /** Built once per container, in the init phase. */
  private static final class Container {
    static final Map<String, String> ENVIRONMENT = System.getenv();
    static final RestorableCredentials CREDENTIALS = RestorableCredentials.fromEnvironment();
    static final DynamoDbClient DYNAMODB = ReadingsClient.create(ENVIRONMENT, CREDENTIALS, ReadingsClient.http());
    static final SnapStartHooks HOOKS = snapStart(ENVIRONMENT, CREDENTIALS);
  }

  /**
   * PRIME_ON_INIT and SnapStart: prime ({@link ReadingsPriming}) at init when asked and before the snapshot; nothing
   * to release (the client has sent nothing); after a restore, credentials read anew.
   */
  static SnapStartHooks snapStart(Map<String, String> environment, RestorableCredentials credentials) {
    return SnapStartHooks.install("readings", environment, new ReadingsPriming(environment)::prime,
        SnapStartHooks.NOTHING, credentials::reload);
  }

  private final DynamoDbClient dynamodb;
  private final Map<String, String> environment;
  private final ReadingDecoder decoder = new ReadingDecoder();

  public ReadingsHandler() {
    this(Container.DYNAMODB, Container.ENVIRONMENT);
  }

  ReadingsHandler(DynamoDbClient dynamodb, Map<String, String> environment) {
    this.dynamodb = dynamodb;
    this.environment = Map.copyOf(environment);
  }

  @Override
  public StreamsEventResponse handleRequest(KinesisEvent event, Context context) {
    return handle(event, Deadline.fromContext(context, RECORD_BUDGET), line -> context.getLogger().log(line + "\n"));
  }

  /**
   * Applies a batch.
   *
   * @param stopStartingAt no record starts after it
   * @param log takes one line at a time (without its line break)
   */
  StreamsEventResponse handle(KinesisEvent event, Deadline stopStartingAt, Consumer<String> log) {
    ReadingsSettings settings = ReadingsSettings.from(environment);
    List<DeliveredReading> records = decoder.readAll(event == null ? null : event.getRecords());
    ReadingApplier applier = new ReadingApplier(new DeviceTable(dynamodb, settings.deviceTable()));
    BatchResult<DeliveredReading> result;
    try {
      result = KeyedBatch.by(DeliveredReading::orderingKey, DeliveredReading::itemId)
          .stopStartingAt(stopStartingAt)
          .run(records, applier);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while applying a batch of readings", e);
    }
    StreamsEventResponse response = BatchReport.respond(result, log);
    log.accept("readings: " + records.size() + " records, " + result.applied() + " applied, "
        + result.itemFailures().size() + " to deliver again; " + applier.summary());
    return response;
  }
}
