package dev.lambdaloom.bench.streams;

import dev.lambdaloom.emulator.events.KinesisStreamSource;
import dev.lambdaloom.emulator.events.ShardRecord;
import dev.lambdaloom.emulator.events.ShardSource;
import dev.lambdaloom.emulator.events.SourceKind;
import dev.lambdaloom.services.ServiceEndpoints;
import dev.lambdaloom.services.kinesis.KinesisLocal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/**
 * Streams on the local Kinesis server, in this JVM. A record's id is {@code shardId:sequenceNumber}, which PutRecords
 * answers and the mapping's records carry as their {@code eventID}.
 */
final class KinesisBackend implements StreamBackend {
  /** PutRecords takes at most 500 records (Kinesis's limit). */
  private static final int RECORDS_PER_PUT = 500;
  private static final int MAX_RECORDS_PER_READ = 10_000;

  private final KinesisLocal server;
  private final KinesisClient kinesis;
  private final int shards;

  private KinesisBackend(KinesisLocal server, KinesisClient kinesis, int shards) {
    this.server = server;
    this.kinesis = kinesis;
    this.shards = shards;
  }

  static KinesisBackend start(int shards) {
    KinesisLocal server;
    try {
      server = KinesisLocal.start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the local Kinesis server", e);
    }
    KinesisClient kinesis = KinesisClient.builder().endpointOverride(server.endpoint()).region(Region.of(server.region()))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
            ServiceEndpoints.PLACEHOLDER_CREDENTIAL, ServiceEndpoints.PLACEHOLDER_CREDENTIAL)))
        .httpClient(UrlConnectionHttpClient.create()).build();
    return new KinesisBackend(server, kinesis, shards);
  }

  @Override
  public SourceKind kind() {
    return SourceKind.KINESIS;
  }

  @Override
  public String describe() {
    return "KinesisLocal in this JVM (" + server.endpoint() + "), " + shards + " shards per stream";
  }

  @Override
  public int maxRecordsPerRead() {
    return MAX_RECORDS_PER_READ;
  }

  @Override
  public String create(String name) {
    kinesis.createStream(b -> b.streamName(name).shardCount(shards));
    return "arn:aws:kinesis:" + server.region() + ":123456789012:stream/" + name;
  }

  @Override
  public ShardSource source(String name, String arn) {
    return new KinesisStreamSource(kinesis, name, arn, server.region());
  }

  @Override
  public List<String> writeRecords(String name, int records, int keys) {
    List<String> ids = new ArrayList<>(records);
    List<PutRecordsRequestEntry> entries = new ArrayList<>(RECORDS_PER_PUT);
    for (int i = 0; i < records; i++) {
      String key = "key-" + i % keys;
      int version = i / keys + 1;
      entries.add(PutRecordsRequestEntry.builder().partitionKey(key)
          .data(SdkBytes.fromString(key + " v" + version, StandardCharsets.UTF_8)).build());
      if (entries.size() == RECORDS_PER_PUT || i == records - 1) {
        List<PutRecordsRequestEntry> batch = List.copyOf(entries);
        PutRecordsResponse response = kinesis.putRecords(b -> b.streamName(name).records(batch));
        for (PutRecordsResultEntry entry : response.records()) {
          if (entry.errorCode() != null) {
            // A retry would put this record after later ones of its key: the order checked afterwards would be wrong.
            throw new IllegalStateException("the local Kinesis server refused a record of " + name + ": "
                + entry.errorCode() + " " + entry.errorMessage());
          }
          ids.add(entry.shardId() + ":" + entry.sequenceNumber());
        }
        entries.clear();
      }
    }
    return ids;
  }

  @Override
  public String writeOne(String name, int number) {
    PutRecordResponse response = kinesis.putRecord(b -> b.streamName(name).partitionKey("single-" + number)
        .data(SdkBytes.fromString("single " + number, StandardCharsets.UTF_8)));
    return response.shardId() + ":" + response.sequenceNumber();
  }

  @Override
  public String idOf(ShardRecord record) {
    return record.json().get("eventID").asText();
  }

  @Override
  public long storeCpuNanos() {
    return -1; // each request is served on its own thread: there is no one thread to be the limit
  }

  @Override
  public void close() {
    try {
      kinesis.close();
    } finally {
      server.close();
    }
  }
}
