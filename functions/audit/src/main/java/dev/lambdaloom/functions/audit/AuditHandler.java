package dev.lambdaloom.functions.audit;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.lambdaloom.core.Deadline;
import dev.lambdaloom.core.batch.BatchResult;
import dev.lambdaloom.core.batch.KeyedBatch;
import dev.lambdaloom.snapstart.RestorableCredentials;
import dev.lambdaloom.snapstart.SnapStartHooks;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Audits the Workers table's stream (view type NEW_AND_OLD_IMAGES): every INSERT, MODIFY and REMOVE becomes an item
 * of the audit table ({@code AUDIT_TABLE}), keyed by the changed item's {@link CanonicalKey} and the record's
 * sequence number, with both images as plain JSON; every REMOVE is first archived to S3 ({@code ARCHIVE_BUCKET}) so
 * that a clean-up never loses history (see {@link RemovalArchive}).
 *
 * <p>Records of one item are applied in stream order, one at a time; different items in parallel (core's
 * {@link KeyedBatch}). Each record is applied at most once however often Lambda delivers it: the audit put is
 * conditional and the archive key fixed. The answer is a partial batch response (the event source mapping needs
 * {@code FunctionResponseTypes: [ReportBatchItemFailures]}): the sequence number of every record not applied, so Lambda
 * delivers again from the first of them, and once the mapping's retries are spent hands the batch to its on-failure
 * destination. A record that cannot be audited as delivered (an unknown eventName, a REMOVE without OldImage, no Keys,
 * an attribute with no type) is such a failure, logged with its reason; it never fails the rest of the batch, nor holds
 * back its item's later records (it would fail again on every delivery). A write that fails does hold them back, so an
 * item's history is never applied out of order. The invocation itself fails only when its settings are missing, before
 * any record is touched.
 *
 * <p>Known limit: an audit item holds both images, and DynamoDB refuses items over 400 KB; a change whose images
 * together come near that fails on every delivery and ends at the on-failure destination.
 */
public final class AuditHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
  /**
   * The most one record takes: an S3 put and a DynamoDB put of {@link AuditClients#CALL_TIMEOUT} each, and a margin.
   * No record starts later than this before the timeout, so none is cut off halfway.
   */
  static final Duration RECORD_BUDGET = AuditClients.CALL_TIMEOUT.multipliedBy(2).plusSeconds(1);

  /** Built once per container, in the init phase. */
  private static final class Container {
    static final Map<String, String> ENVIRONMENT = System.getenv();
    static final RestorableCredentials CREDENTIALS = RestorableCredentials.fromEnvironment();
    static final DynamoDbClient DYNAMODB = AuditClients.dynamoDb(ENVIRONMENT, CREDENTIALS, AuditClients.http());
    static final S3Client S3 = AuditClients.s3(ENVIRONMENT, CREDENTIALS, AuditClients.http());
    static final SnapStartHooks HOOKS = snapStart(ENVIRONMENT, CREDENTIALS);
  }

  /**
   * PRIME_ON_INIT and SnapStart: prime ({@link AuditPriming}) at init when asked and before the snapshot; nothing to
   * release (the clients have sent nothing); after a restore, credentials read anew. The audit's timestamps come from
   * the clock at each record, never from init.
   */
  static SnapStartHooks snapStart(Map<String, String> environment, RestorableCredentials credentials) {
    return SnapStartHooks.install("audit", environment, new AuditPriming(environment)::prime,
        SnapStartHooks.NOTHING, credentials::reload);
  }

  private final DynamoDbClient dynamodb;
  private final S3Client s3;
  private final Map<String, String> environment;
  private final Clock clock;

  public AuditHandler() {
    this(Container.DYNAMODB, Container.S3, Container.ENVIRONMENT, Clock.systemUTC());
  }

  AuditHandler(DynamoDbClient dynamodb, S3Client s3, Map<String, String> environment, Clock clock) {
    this.dynamodb = dynamodb;
    this.s3 = s3;
    this.environment = Map.copyOf(environment);
    this.clock = clock;
  }

  @Override
  public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
    return handle(event, Deadline.fromContext(context, RECORD_BUDGET), line -> context.getLogger().log(line + "\n"));
  }

  /**
   * Applies a batch.
   *
   * @param stopStartingAt no record starts after it
   * @param log takes one line at a time (without its line break)
   */
  StreamsEventResponse handle(DynamodbEvent event, Deadline stopStartingAt, Consumer<String> log) {
    AuditSettings settings = AuditSettings.from(environment);
    List<DeliveredRecord> records = ChangeReader.readAll(event == null ? null : event.getRecords());
    ChangeAuditor auditor = new ChangeAuditor(new AuditTable(dynamodb, settings.auditTable(), clock),
        new RemovalArchive(s3, settings.archiveBucket()));
    BatchResult<DeliveredRecord> result;
    try {
      result = KeyedBatch.by(DeliveredRecord::orderingKey, DeliveredRecord::itemId)
          .stopStartingAt(stopStartingAt)
          .run(records, auditor);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while auditing a batch", e);
    }
    StreamsEventResponse response = BatchReport.respond(result, log);
    log.accept("audit: " + records.size() + " records, " + result.applied() + " applied, "
        + result.itemFailures().size() + " to deliver again; " + auditor.summary());
    return response;
  }
}
