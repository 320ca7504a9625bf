package dev.lambdaloom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdaloom.emulator.EndStatus;
import dev.lambdaloom.emulator.InvokeResult;
import dev.lambdaloom.emulator.Report;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The demo's s3probe step: what it puts, and what makes it fail. It runs end to end in {@link MainTest}. */
class S3ProbeDemoTest {
  @Test
  void theDemoRunsTheS3ProbeStep() {
    assertThat(DemoCommand.steps(java.nio.file.Path.of("template.yaml"))).extracting(DemoStep::name)
        .containsExactly("hello", "ingest", "s3probe", "scavenger", "events", "tourist");
  }

  @Test
  void eachObjectHoldsTheNeedlesItIsCountedFor() {
    Pattern find = Pattern.compile(Pattern.quote(S3ProbeDemo.FIND));
    long total = 0;
    for (int i = 0; i < S3ProbeDemo.OBJECTS; i++) {
      byte[] body = S3ProbeDemo.body(i);
      assertThat(body).hasSize(S3ProbeDemo.OBJECT_BYTES);
      assertThat(find.matcher(new String(body, StandardCharsets.US_ASCII)).results().count()).as("object %d", i)
          .isEqualTo(S3ProbeDemo.needles(i));
      total += S3ProbeDemo.needles(i);
    }
    assertThat(S3ProbeDemo.expectedMatches()).isEqualTo(total).isEqualTo(400);
  }

  @Test
  void aRunThatMissesMatchesOrObjectsIsAProblem() throws Exception {
    String response = """
        {"objects": 200, "read": 199, "bytes": 2037760, "matches": 399, "readMs": 80.5,
         "perObject": {"p50": 1.2, "p99": 4.0, "max": 9.0},
         "failed": {"count": 1, "byError": {"Timeout": 1}, "examples": [{"key": "demo/object-007", "error": "Timeout",
           "message": "no byte for 10000 ms"}]},
         "notRead": 0, "stoppedBy": "completed"}""";
    InvokeResult answered = new InvokeResult("id", response.getBytes(StandardCharsets.UTF_8), null, null, false,
        CompletableFuture.completedFuture(new InvokeResult.InvocationLog(List.of(), null)));
    Report report = new Report("id", 90, 90, 1769, 100, null, EndStatus.ANSWERED, null);
    ByteArrayOutputStream printed = new ByteArrayOutputStream();

    List<String> problems = new S3ProbeDemo.Run(answered, report, new ObjectMapper().readTree(response))
        .check("sequential", S3ProbeDemo.expectedMatches(), new PrintStream(printed, true, StandardCharsets.UTF_8));

    assertThat(problems).containsExactly(
        "sequential read 199 of 200 objects (listed 200, stopped by completed)",
        "sequential: 1 failed {\"Timeout\":1}, e.g. {\"key\":\"demo/object-007\",\"error\":\"Timeout\","
            + "\"message\":\"no byte for 10000 ms\"}",
        "sequential found 399 matches, 400 were put");
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .contains("sequential           199 of 200 objects read, 399 matches (expected 400), readMs 80.5");
  }
}
