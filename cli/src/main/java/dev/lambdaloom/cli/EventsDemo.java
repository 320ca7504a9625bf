package dev.lambdaloom.cli;

import dev.lambdaloom.bench.scavenger.ScavengerLoop;
import dev.lambdaloom.emulator.Emulator;
import dev.lambdaloom.emulator.LogSink;
import dev.lambdaloom.emulator.events.EventSourceMapping;
import dev.lambdaloom.emulator.events.EventSources;
import dev.lambdaloom.emulator.events.MappingCounters;
import dev.lambdaloom.emulator.template.FunctionConfig;
import dev.lambdaloom.emulator.template.SamTemplate;
import dev.lambdaloom.services.dynamodb.DynamoDbLocal;
import dev.lambdaloom.services.dynamodb.SeedPlan;
import dev.lambdaloom.services.dynamodb.SeedSummary;
import dev.lambdaloom.services.dynamodb.WorkerTableSeeder;
import dev.lambdaloom.services.kinesis.KinesisLocal;
import dev.lambdaloom.services.s3.S3Server;
import dev.lambdaloom.services.sqs.ElasticMqServer;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Event-driven functions through the template's event source mappings: the scavenger's deletes flow through the
 * Workers table's stream into the audit function, which archives every removed item to S3; one worker item too large
 * to audit is retried, bisected down to itself and described to the failure queue; IoT readings on a Kinesis stream
 * are aggregated per device, one malformed reading ending in the failure queue too. The step checks that every deleted
 * item is archived exactly once and every reading counted once.
 */
final class EventsDemo implements DemoStep {
  private static final String SCAVENGER = "ScavengerFunction";
  private static final String AUDIT = "AuditFunction";
  private static final String READINGS = "ReadingsFunction";
  private static final StaticCredentialsProvider PLACEHOLDER =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("lambdaloom", "lambdaloom"));

  private final Path template;
  private final int workers;
  private final int devices;
  private final int readingsPerDevice;

  EventsDemo(Path template) {
    this(template, 1_000, 10, 20);
  }

  EventsDemo(Path template, int workers, int devices, int readingsPerDevice) {
    this.template = template;
    this.workers = workers;
    this.devices = devices;
    this.readingsPerDevice = readingsPerDevice;
  }

  @Override
  public String name() {
    return "events";
  }

  @Override
  public String description() {
    return String.format(Locale.ROOT, "%s's deletes of %,d workers -> Workers stream -> %s (archive to S3); %,d"
        + " readings -> Kinesis -> %s; a poison record and a malformed reading -> the failure queue", SCAVENGER,
        workers, AUDIT, devices * readingsPerDevice, READINGS);
  }

  @Override
  public SummaryRow run(Emulator emulator, PrintStream out) throws Exception {
    SamTemplate loaded = SamTemplate.load(template);
    try (DynamoDbLocal dynamo = DynamoDbLocal.start();
        S3Server s3Server = S3Server.start();
        KinesisLocal kinesisServer = KinesisLocal.start();
        ElasticMqServer sqsServer = ElasticMqServer.start()) {
      URI s3Endpoint = URI.create(s3Server.endpoint());
      List<String> created = TemplateResources.create(loaded, Optional.of(dynamo.endpoint()), Optional.of(s3Endpoint),
          Optional.of(kinesisServer.endpoint()), Optional.of(sqsServer.endpoint()));
      out.println("  created from the template: " + String.join(", ", created));

      SeedPlan plan = SeedPlan.article("Workers").withItems(workers);
      SeedSummary seeded = new WorkerTableSeeder(dynamo.client(), 8).seed(plan, n -> {});
      putPoison(dynamo.client());
      out.println("  seeded: " + seeded.describe() + ", and 1 worker item too large to audit");
      Set<String> before = workerKeys(dynamo.client());

      String archiveBucket = TemplateResources.bucketName("ArchiveBucket", Map.of());
      Map<String, String> endpoints = Map.of("DYNAMODB", dynamo.endpoint().toString(), "S3", s3Endpoint.toString(),
          "KINESIS", kinesisServer.endpoint().toString(), "SQS", sqsServer.endpoint().toString());
      List<FunctionConfig> functions = new ArrayList<>();
      functions.add(emulator.function(SCAVENGER).withTimeout(Duration.ofSeconds(10)));
      functions.add(withVariable(emulator.function(AUDIT), "ARCHIVE_BUCKET", archiveBucket));
      functions.add(emulator.function(READINGS));
      try (Emulator scoped = new Emulator(functions, emulator.settings().withLocalEndpoints(endpoints),
              LogSink.discard());
          EventSources sources = EventSources.start(scoped, LogSink.printTo(out, true))) {
        sources.describe().forEach(line -> out.println("  mapping " + line));
        ScavengerLoop.Outcome outcome = new ScavengerLoop(scoped, SCAVENGER, 50).run(Map.of(), step -> { });
        long deleted = outcome.total("deleted");
        out.printf(Locale.ROOT, "  %s deleted %,d items in %d invocations%n", SCAVENGER, deleted,
            outcome.invocations());
        putReadings(kinesisServer.endpoint());
        Set<String> after = workerKeys(dynamo.client());
        int removed = before.size() - after.size();
        // Stream records: every insert (seeded and the poison) and every removal.
        long auditRecords = (long) seeded.written() + 1 + removed;
        long readingRecords = (long) devices * readingsPerDevice + 1;
        awaitSettled(mapping(sources, AUDIT), auditRecords, out);
        awaitSettled(mapping(sources, READINGS), readingRecords, out);
        return check(out, sources, s3Endpoint, archiveBucket, sqsServer.endpoint(), dynamo.client(), removed,
            scoped);
      }
    }
  }

  private SummaryRow check(PrintStream out, EventSources sources, URI s3Endpoint, String archiveBucket, URI sqs,
      DynamoDbClient dynamo, int removed, Emulator scoped) {
    List<String> problems = new ArrayList<>();
    int archived;
    Set<String> archivedItems = new HashSet<>();
    try (S3Client s3 = S3Client.builder().endpointOverride(s3Endpoint).region(Region.US_EAST_1).forcePathStyle(true)
        .credentialsProvider(PLACEHOLDER).httpClient(UrlConnectionHttpClient.create()).build()) {
      List<S3Object> objects = new ArrayList<>();
      s3.listObjectsV2Paginator(b -> b.bucket(archiveBucket).prefix("archive/Workers/")).contents()
          .forEach(objects::add);
      archived = objects.size();
      // archive/Workers/<canonical key>/<sequence number>.json: one folder per removed item.
      objects.forEach(o -> archivedItems.add(o.key().substring(0, o.key().lastIndexOf('/'))));
    }
    if (archived != removed || archivedItems.size() != removed) {
      problems.add(String.format(Locale.ROOT, "%,d items removed but %,d archive objects for %,d items", removed,
          archived, archivedItems.size()));
    }
    long devicesCounted = 0;
    long readingsCounted = 0;
    for (Map<String, AttributeValue> item : dynamo.scanPaginator(b -> b.tableName("DeviceReadings")).items()) {
      devicesCounted++;
      readingsCounted += Long.parseLong(item.get("readingCount").n());
    }
    if (devicesCounted != devices || readingsCounted != (long) devices * readingsPerDevice) {
      problems.add(String.format(Locale.ROOT, "%d devices with %,d readings aggregated, expected %d with %,d",
          devicesCounted, readingsCounted, devices, devices * readingsPerDevice));
    }
    List<String> failures = failureRecords(sqs);
    boolean poisonReported = failures.stream().anyMatch(f -> f.contains("DDBStreamBatchInfo"));
    boolean malformedReported = failures.stream().anyMatch(f -> f.contains("KinesisBatchInfo"));
    if (!poisonReported || !malformedReported) {
      problems.add("the failure queue holds " + failures.size() + " records: poison " + (poisonReported ? "" : "not ")
          + "reported, malformed reading " + (malformedReported ? "" : "not ") + "reported");
    }
    MappingCounters audit = mapping(sources, AUDIT).status().counters();
    MappingCounters readings = mapping(sources, READINGS).status().counters();
    out.printf(Locale.ROOT, "  %s: %,d invocations, %,d retries (bisections included), %,d records to the failure"
        + " queue%n", AUDIT, audit.invocations(), audit.retries(), audit.recordsToDestination());
    out.printf(Locale.ROOT, "  %s: %,d invocations, %,d retries, %,d records to the failure queue%n", READINGS,
        readings.invocations(), readings.retries(), readings.recordsToDestination());
    String summary = problems.isEmpty()
        ? String.format(Locale.ROOT, "ok, %,d removed items archived once each; poison record retried, bisected and"
            + " queued; %,d readings of %d devices aggregated once", removed, readingsCounted, devices)
        : "FAILED: " + String.join("; ", problems);
    out.println("  " + summary);
    return new SummaryRow(name(), AUDIT + ", " + READINGS, summary, scoped.coldStarts(AUDIT) + " + "
        + scoped.coldStarts(READINGS) + " cold starts", "-", "-");
  }

  private static FunctionConfig withVariable(FunctionConfig function, String name, String value) {
    Map<String, String> environment = new LinkedHashMap<>(function.environment());
    environment.put(name, value);
    return function.withEnvironment(environment);
  }

  /** A current worker item close to DynamoDB's 400 KB limit: its audit item (image and metadata) cannot be stored. */
  private static void putPoison(DynamoDbClient dynamo) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("WorkerId", AttributeValue.fromN("999999"));
    item.put("StartTime", AttributeValue.fromS(Instant.now().toString()));
    item.put("Completed", AttributeValue.fromS("false"));
    item.put("Notes", AttributeValue.fromS("n".repeat(395_000)));
    dynamo.putItem(b -> b.tableName("Workers").item(item));
  }

  private static Set<String> workerKeys(DynamoDbClient dynamo) {
    Set<String> keys = new HashSet<>();
    dynamo.scanPaginator(b -> b.tableName("Workers").projectionExpression("WorkerId, StartTime")).items()
        .forEach(i -> keys.add(i.get("WorkerId").n() + "/" + i.get("StartTime").s()));
    return keys;
  }

  /** Readings documents as the IoT API serves them, the device as partition key, and one that is not JSON. */
  private void putReadings(URI endpoint) {
    try (KinesisClient kinesis = KinesisClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
        .credentialsProvider(PLACEHOLDER).httpClient(UrlConnectionHttpClient.create()).build()) {
      List<PutRecordsRequestEntry> entries = new ArrayList<>();
      Instant start = Instant.parse("2026-12-01T00:00:00Z");
      for (int r = 0; r < readingsPerDevice; r++) {
        for (int d = 0; d < devices; d++) {
          String document = String.format(Locale.ROOT, "{\"datetime\":\"%s\",\"values\":[%d,%d,%d]}",
              start.plusSeconds(60L * r), d, r, d * r);
          entries.add(PutRecordsRequestEntry.builder().partitionKey("device-" + d)
              .data(SdkBytes.fromString(document, StandardCharsets.UTF_8)).build());
        }
      }
      entries.add(PutRecordsRequestEntry.builder().partitionKey("device-0")
          .data(SdkBytes.fromString("{\"datetime\": not json", StandardCharsets.UTF_8)).build());
      for (int i = 0; i < entries.size(); i += 500) {
        List<PutRecordsRequestEntry> chunk = entries.subList(i, Math.min(entries.size(), i + 500));
        kinesis.putRecords(b -> b.streamName("ReadingsStream").records(chunk));
      }
    }
  }

  private static EventSourceMapping mapping(EventSources sources, String function) {
    return sources.mappings().stream().filter(m -> m.config().functionName().equals(function)).findFirst()
        .orElseThrow(() -> new IllegalStateException("the template maps no event source to " + function
            + "; skipped: " + sources.skipped()));
  }

  private static void awaitSettled(EventSourceMapping mapping, long records, PrintStream out)
      throws InterruptedException {
    // Bounded by the records' own limit: a record older than MaximumRecordAgeInSeconds is given up.
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    while (true) {
      MappingCounters c = mapping.status().counters();
      long settled = c.recordsDone();
      if (settled >= records && mapping.status().lag() == 0) {
        return;
      }
      if (System.nanoTime() > deadline) {
        out.println("  " + mapping.config().functionName() + ": only " + settled + " of " + records
            + " records settled after 5 minutes");
        return;
      }
      Thread.sleep(100);
    }
  }

  private static List<String> failureRecords(URI endpoint) {
    try (SqsClient sqs = SqsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
        .credentialsProvider(PLACEHOLDER).httpClient(UrlConnectionHttpClient.create()).build()) {
      String url = sqs.getQueueUrl(b -> b.queueName("FailedBatchesQueue")).queueUrl();
      List<String> bodies = new ArrayList<>();
      List<Message> messages;
      do {
        messages = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
        messages.forEach(m -> bodies.add(m.body()));
      } while (!messages.isEmpty());
      return bodies;
    }
  }
}
