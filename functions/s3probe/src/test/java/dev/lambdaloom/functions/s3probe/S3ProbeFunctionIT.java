package dev.lambdaloom.functions.s3probe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdaloom.emulator.Emulator;
import dev.lambdaloom.emulator.EmulatorSettings;
import dev.lambdaloom.emulator.EndStatus;
import dev.lambdaloom.emulator.InvokeResult;
import dev.lambdaloom.emulator.LogSink;
import dev.lambdaloom.emulator.Report;
import dev.lambdaloom.emulator.template.SamTemplate;
import dev.lambdaloom.emulator.template.TemplateOverrides;
import dev.lambdaloom.services.s3.S3Server;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The three packaged zips in the emulator, as Lambda runs them (CPU share by memory, the managed java25 runtime's
 * start), against the embedded S3 server: each reads with the clients it carries; the synchronous zip at 128 MB
 * streams an object larger than its memory; a zip asked for a client it does not carry says which zip does. The
 * functions raise the metaspace cap as the template does: at 128 MB, Lambda's default (10% of memory) is too small
 * for the SDK's S3 client, and init ends in {@code OutOfMemoryError: Metaspace}.
 */
class S3ProbeFunctionIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};
  private static final String BUCKET = "probe-it";
  private static final int SMALL_OBJECTS = 30;
  private static final int SMALL_BYTES = 10 * 1024;
  /** Larger than the 128 MB function's whole memory: it can only be read streamed. */
  private static final long LARGE_BYTES = 150L * 1024 * 1024;
  /** Where the needle sits in the large object: its start, across a 32 KB read chunk's edge, and its very end. */
  private static final long[] LARGE_NEEDLES = {0, SyncObjects.CHUNK_BYTES - 3, LARGE_BYTES - 6};
  private static final byte[] NEEDLE = "NEEDLE".getBytes(StandardCharsets.US_ASCII);

  @TempDir static Path dir;
  private static S3Server server;
  private static Emulator emulator;

  @BeforeAll
  static void start() throws Exception {
    server = S3Server.start(S3Server.Options.defaults().withInitialBuckets(BUCKET));
    try (S3Client s3 = server.newClient()) {
      for (int i = 0; i < SMALL_OBJECTS; i++) {
        byte[] body = new byte[SMALL_BYTES];
        Arrays.fill(body, (byte) '.');
        System.arraycopy(NEEDLE, 0, body, i * 300, NEEDLE.length); // one needle each
        String key = "small/" + i;
        s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(body));
      }
      s3.putObject(b -> b.bucket(BUCKET).key("large/object"),
          RequestBody.fromContentProvider(S3ProbeFunctionIT::largeBody, LARGE_BYTES, "application/octet-stream"));
    }
    Path template = Files.writeString(dir.resolve("template.yaml"), """
        Globals:
          Function:
            Runtime: java25
            Handler: dev.lambdaloom.functions.s3probe.S3ProbeHandler::handleRequest
            Timeout: 120
            Environment:
              Variables:
                PROBE_BUCKET: %s
                JAVA_TOOL_OPTIONS: -Dhttp.maxConnections=1000 -XX:MaxMetaspaceSize=32m
        Resources:
          S3Probe:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: %s
              MemorySize: 128
          S3ProbeNetty:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: %s
              MemorySize: 512
          S3ProbeCrt:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: %s
              MemorySize: 512
        """.formatted(BUCKET, zip("s3probe"), zip("s3probe-netty"), zip("s3probe-crt")));
    TemplateOverrides overrides = TemplateOverrides.none()
        .withEnvironment("*", Map.of("AWS_ENDPOINT_URL_S3", server.endpoint()));
    emulator = Emulator.start(SamTemplate.load(template, overrides), EmulatorSettings.defaults(),
        LogSink.printTo(System.out, true));
  }

  @AfterAll
  static void stop() throws Exception {
    if (emulator != null) emulator.close();
    if (server != null) server.close();
  }

  private static Path zip(String name) {
    return Path.of("target", name + ".zip").toAbsolutePath();
  }

  /** The large object's bytes, generated as they are sent: dots, with {@link #LARGE_NEEDLES}. */
  private static InputStream largeBody() {
    return new InputStream() {
      private long position;

      @Override
      public int read() {
        if (position >= LARGE_BYTES) return -1;
        return byteAt(position++);
      }

      @Override
      public int read(byte[] buffer, int offset, int length) {
        if (position >= LARGE_BYTES) return -1;
        int n = (int) Math.min(length, LARGE_BYTES - position);
        for (int i = 0; i < n; i++) buffer[offset + i] = (byte) byteAt(position + i);
        position += n;
        return n;
      }
    };
  }

  private static int byteAt(long position) {
    for (long start : LARGE_NEEDLES) {
      if (position >= start && position < start + NEEDLE.length) return NEEDLE[(int) (position - start)];
    }
    return '.';
  }

  private record Invocation(InvokeResult result, Report report) {
    Map<String, Object> response() throws Exception {
      return JSON.readValue(result.payload(), OBJECT);
    }
  }

  private static Invocation invoke(String function, Map<String, Object> event) throws Exception {
    InvokeResult result = emulator.invoke(function, JSON.writeValueAsBytes(event));
    return new Invocation(result, result.awaitLog().report());
  }

  @ParameterizedTest
  @CsvSource({
      "S3Probe, sync", "S3Probe, virtual-threads", "S3Probe, platform-threads",
      "S3ProbeNetty, netty", "S3ProbeNetty, virtual-threads", "S3ProbeCrt, crt"})
  void eachZipReadsEveryObjectWithTheClientsItCarries(String function, String client) throws Exception {
    Map<String, Object> event = new HashMap<>(Map.of("prefix", "small/", "find", "NEEDLE"));
    if (client.equals("sync")) event.put("mode", "sequential");
    else event.putAll(Map.of("client", client, "concurrency", 16));

    Invocation invocation = invoke(function, event);

    assertThat(invocation.result().failed()).as(invocation.result().payloadText()).isFalse();
    assertThat(invocation.report().status()).as(invocation.report().line()).isEqualTo(EndStatus.ANSWERED);
    assertThat(invocation.response()).containsEntry("client", client).containsEntry("objects", SMALL_OBJECTS)
        .containsEntry("read", SMALL_OBJECTS).containsEntry("bytes", SMALL_OBJECTS * SMALL_BYTES)
        .containsEntry("matches", SMALL_OBJECTS).containsEntry("stoppedBy", "completed");
  }

  @Test
  void theSyncZipAt128MbStreamsAnObjectLargerThanItsMemory() throws Exception {
    Invocation invocation = invoke("S3Probe", Map.of("prefix", "large/", "find", "NEEDLE", "mode", "sequential",
        "requestTimeoutMs", 60_000));

    assertThat(invocation.result().failed()).as(invocation.result().payloadText()).isFalse();
    assertThat(invocation.report().status()).as(invocation.report().line()).isEqualTo(EndStatus.ANSWERED);
    assertThat(invocation.report().maxMemoryUsedMb()).isLessThanOrEqualTo(128);
    Map<String, Object> response = invocation.response();
    assertThat(((Number) response.get("bytes")).longValue()).isEqualTo(LARGE_BYTES);
    assertThat(response).containsEntry("read", 1).containsEntry("matches", LARGE_NEEDLES.length);
  }

  @Test
  void theSyncZipAskedForNettyNamesTheZipThatCarriesIt() throws Exception {
    Invocation invocation = invoke("S3Probe", Map.of("prefix", "small/", "find", "NEEDLE", "client", "netty"));

    assertThat(invocation.result().failed()).isTrue();
    assertThat(invocation.result().payloadText()).contains("s3probe-netty.zip");
    assertThat(invocation.report().status()).isEqualTo(EndStatus.ANSWERED);
  }
}
