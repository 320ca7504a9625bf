package dev.lambdaloom.functions.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdaloom.emulator.Emulator;
import dev.lambdaloom.emulator.EmulatorSettings;
import dev.lambdaloom.emulator.InvokeResult;
import dev.lambdaloom.emulator.LogSink;
import dev.lambdaloom.emulator.stepfunctions.EmulatorFunctionInvoker;
import dev.lambdaloom.emulator.stepfunctions.ExecutionOutcome;
import dev.lambdaloom.emulator.stepfunctions.HistoryEventType;
import dev.lambdaloom.emulator.stepfunctions.LocalStateMachine;
import dev.lambdaloom.emulator.stepfunctions.RetryPause;
import dev.lambdaloom.emulator.stepfunctions.StateMachineInterpreter;
import dev.lambdaloom.emulator.template.FunctionConfig;
import dev.lambdaloom.emulator.template.SamTemplate;
import dev.lambdaloom.emulator.template.TemplateOverrides;
import dev.lambdaloom.services.iot.IotApiSimulator;
import dev.lambdaloom.services.s3.S3Server;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The template's ShardedIngest state machine, run by the local interpreter on the packaged ingest.zip (planner, ingest,
 * merger) against local S3 and the IoT API simulator: a job cut into shards adds up to what one invocation of the
 * whole job finds, and running the same execution again rewrites the same objects instead of adding a second set.
 */
class ShardedIngestIT {
  private static final String BUCKET = "readings";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int DOCUMENTS = 600;
  private static final int IDS_PER_SHARD = 200;

  @TempDir static Path dir;
  private static S3Server s3Server;
  private static S3Client s3;
  private static Emulator emulator;
  private static LocalStateMachine machine;
  private static IotApiSimulator api;

  @BeforeAll
  static void start() throws Exception {
    s3Server = S3Server.start(S3Server.Options.defaults().withInitialBuckets(BUCKET));
    s3 = s3Server.newClient();
    // Some documents malformed, so that rejected counts and rejected-record objects are merged too.
    api = IotApiSimulator.start(IotApiSimulator.Options.builder().seed(7).malformedRate(0.05).build());
    Path root = Path.of(System.getProperty("lambdaloom.home", "../.."));
    SamTemplate template = SamTemplate.load(root.resolve("template.yaml"), TemplateOverrides.none()
        .withEnvironment("*", Map.of("AWS_ENDPOINT_URL_S3", s3Server.endpoint())));
    machine = LocalStateMachine.named(template, "ShardedIngest");
    // One ingest container: the shards take turns on it (each throttled start retried by the template's Retry), so the
    // test pays one ingest cold start instead of three at once on a shared machine.
    List<FunctionConfig> functions = machine.invokedFunctions().stream().map(f -> template.functions().get(f))
        .map(f -> f.name().equals("IngestFunction") ? f.withReservedConcurrency(1) : f).toList();
    emulator = new Emulator(functions, EmulatorSettings.defaults(), LogSink.printTo(System.out, true));
  }

  @AfterAll
  static void stop() throws Exception {
    emulator.close();
    api.close();
    s3.close();
    s3Server.close();
  }

  private static String request(String keyPrefix) {
    String urlTemplate = api.urlTemplate().replace("{device}", "d1").replace("{seq}", "{id}");
    return "{\"urlTemplate\":\"" + urlTemplate + "\",\"bucket\":\"" + BUCKET + "\",\"keyPrefix\":\"" + keyPrefix
        + "\",\"range\":{\"from\":0,\"to\":" + DOCUMENTS + "},\"concurrency\":64}";
  }

  private static JsonNode execute(String name) throws Exception {
    JsonNode input = JSON.readTree("{\"request\":" + request("sharded/") + ",\"idsPerShard\":" + IDS_PER_SHARD + "}");
    // A throttled shard is retried once the ingest container is free again, not after the template's fixed backoff.
    RetryPause untilFree = delay -> {
      long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      while (emulator.concurrentExecutions("IngestFunction") > 0) {
        if (System.nanoTime() > deadline) throw new AssertionError("IngestFunction stayed busy for 2 minutes");
        Thread.sleep(10);
      }
    };
    ExecutionOutcome outcome = new StateMachineInterpreter(machine, new EmulatorFunctionInvoker(emulator), untilFree,
        Clock.systemUTC(), "us-east-1", "123456789012").execute(name, input);
    outcome.history().events().forEach(System.out::println);
    assertThat(outcome).isInstanceOf(ExecutionOutcome.Succeeded.class);
    assertThat(outcome.history().count(HistoryEventType.TASK_SCHEDULED, "IngestShards[2]/IngestCall")).isPositive();
    return ((ExecutionOutcome.Succeeded) outcome).output();
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(node -> out.add(node.asText()));
    return out;
  }

  private static List<String> listed(String prefix) {
    return s3.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix(prefix)).contents().stream()
        .map(o -> o.key()).sorted().toList();
  }

  @Test
  void shardsAddUpToOneRunOfTheWholeJobAndARerunRewritesTheSameObjects() throws Exception {
    InvokeResult single = emulator.invoke("IngestFunction", request("single/").getBytes(StandardCharsets.UTF_8));
    assertThat(single.failed()).as(single.payloadText()).isFalse();
    JsonNode whole = JSON.readTree(single.payload());
    assertThat(whole.get("resume").isNull()).as("one invocation does the whole job").isTrue();

    JsonNode merged = execute("it-run-1");

    assertThat(merged.get("shards").asInt()).isEqualTo(DOCUMENTS / IDS_PER_SHARD);
    assertThat(merged.get("failedShards")).isEmpty();
    for (String count : List.of("requested", "fetched", "valid", "rows", "values")) {
      assertThat(merged.get(count).asLong()).as(count).isEqualTo(whole.get(count).asLong());
    }
    assertThat(merged.get("rejected")).isEqualTo(whole.get("rejected"));
    assertThat(merged.get("failed").get("count").asLong()).isEqualTo(whole.get("failed").get("count").asLong());
    assertThat(merged.get("requested").asLong()).isEqualTo(DOCUMENTS);
    List<String> written = new ArrayList<>(texts(merged.get("parquetObjects")));
    written.addAll(texts(merged.get("rejectedObjects")));
    written.addAll(texts(merged.get("failedObjects")));
    assertThat(written).doesNotHaveDuplicates().allSatisfy(key -> assertThat(key).startsWith("sharded/it-run-1-s000"));
    assertThat(listed("sharded/")).containsExactlyInAnyOrderElementsOf(written);
    assertThat(whole.get("rejected").size()).as("the simulator's malformed documents").isPositive();
    assertThat(merged.get("rejectedObjects")).isNotEmpty();

    // The same execution again, as when a retried call or a redriven shard repeats its work: same keys, no second set.
    JsonNode again = execute("it-run-1");
    assertThat(again.get("parquetObjects")).isEqualTo(merged.get("parquetObjects"));
    assertThat(listed("sharded/")).containsExactlyInAnyOrderElementsOf(written);
  }
}
