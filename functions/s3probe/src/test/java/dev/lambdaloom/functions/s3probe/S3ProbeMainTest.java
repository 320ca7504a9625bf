package dev.lambdaloom.functions.s3probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The second entry point: the same probe outside Lambda, against any S3 endpoint. */
class S3ProbeMainTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream savedOut;
  private PrintStream savedErr;

  @BeforeEach
  void capture() {
    savedOut = System.out;
    savedErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    System.setOut(savedOut);
    System.setErr(savedErr);
  }

  private int run(String... args) {
    return S3ProbeMain.run(List.of(args), Map.of());
  }

  @Test
  void withRepeatItPrintsOneResultPerRunFromTheSameClients() throws Exception {
    try (StallingS3 server = new StallingS3()) {
      int status = run("--endpoint", server.endpoint(), "--bucket", StallingS3.BUCKET, "--prefix", "p/", "--find",
          "NEEDLE", "--mode", "sequential", "--request-timeout-ms", "1000", "--repeat", "2");

      assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
      List<String> lines = new ArrayList<>(out.toString(StandardCharsets.UTF_8).lines().toList());
      assertThat(lines).hasSize(2).allSatisfy(line -> assertThat(line)
          .contains("\"objects\":3", "\"read\":2", "\"matches\":2", "\"Timeout\":1"));
    }
  }

  @Test
  void withoutAnEndpointOrAwsItRefusesAndSaysHowToChoose() {
    assertThat(run("--bucket", "b", "--prefix", "p/", "--find", "x")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--endpoint", "--aws");
  }

  @Test
  void aBadRepeatOrAnUnknownOptionIsABadArgument() {
    assertThat(run("--endpoint", "http://127.0.0.1:1", "--repeat", "0")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--repeat takes a whole number from 1, not '0'");
    assertThat(run("--endpoint", "http://127.0.0.1:1", "--color", "red")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option --color");
  }

  @Test
  void anInvalidEventIsABadArgumentBeforeAnyRequest() {
    assertThat(run("--endpoint", "http://127.0.0.1:1", "--bucket", "b", "--prefix", "", "--find", "x",
        "--concurrency", "0")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("prefix", "concurrency");
  }
}
