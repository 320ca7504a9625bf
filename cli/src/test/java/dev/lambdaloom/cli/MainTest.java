package dev.lambdaloom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The lambdaloom command end to end, on the root template and the hello function's real zip. */
class MainTest {
  private static final Path ROOT_TEMPLATE = Path.of("..", "template.yaml").toAbsolutePath().normalize();

  @TempDir Path dir;
  @RegisterExtension final CapturedConsole console = new CapturedConsole();

  private String out() {
    return console.out();
  }

  private String err() {
    return console.err();
  }

  @Test
  void invokePrintsTheResponseOnStdoutAndTheReportOnStderr() throws Exception {
    Path event = Files.writeString(dir.resolve("event.json"), "{\"name\":\"Ada\"}");

    int exit = Main.run("invoke", "HelloFunction", "--template", ROOT_TEMPLATE.toString(), "--event", event.toString());

    assertThat(exit).isZero();
    assertThat(out()).contains("\"message\":\"Hello, Ada!\"").doesNotContain("REPORT");
    assertThat(err()).contains("START RequestId: ", "END RequestId: ", "REPORT RequestId: ", "Init Duration: ");
  }

  @Test
  void invokeExitsNonZeroOnUnknownFunctionsAndMissingEvents() {
    assertThat(Main.run("invoke", "Nope", "--template", ROOT_TEMPLATE.toString())).isEqualTo(2);
    assertThat(err()).contains("lambdaloom: Function not found");

    assertThat(Main.run("invoke", "HelloFunction", "--template", ROOT_TEMPLATE.toString(),
        "--event", dir.resolve("missing.json").toString())).isEqualTo(2);
    assertThat(err()).contains("event file not found");
  }

  @Test
  void demoRunsColdThenWarmAndEndsWithASummary() {
    int exit = Main.run("demo", "--template", ROOT_TEMPLATE.toString());

    assertThat(exit).isZero();
    assertThat(out()).contains("[1/6] hello", "Init Duration: ", "Summary", "ok, 1 cold + 5 warm");
    assertThat(out()).contains("[2/6] ingest", "nothing lost").containsPattern("ingest +IngestFunction +ok, [0-9,]+ valid");
    // The S3 probe, warm, sequentially then on virtual threads: every object read, every match found, both ways.
    // With 20 ms per answer the sequential loop waits at least 200 x 20 ms, far more than 64 in flight take even on
    // a slow machine (a few rounds of 20 ms and the CPU for 200 GETs), so concurrent is faster.
    assertThat(out()).contains("[3/6] s3probe", "200 of 200 objects read, 400 matches (expected 400)")
        .containsPattern("concurrent \\(virtual threads, 64 in flight\\) [0-9.]+x faster than sequential")
        .containsPattern("s3probe +S3ProbeFunction +ok, 200 objects, 400 matches, each way");
    assertThat(out()).contains("[6/6] tourist", "POST   /tourists", "-> 201", "-> 412", "-> 204", "GET handler",
        "ok, CRUD + 400 requests");
    // The scavenger's zip through the emulator, with a 3 s timeout: it stops in time and resumes until done.
    assertThat(out()).contains("[4/6] scavenger", "invocation 1 (cold): deleted ");
    java.util.regex.Matcher done = java.util.regex.Pattern
        .compile("ok, ([0-9,]+) of ([0-9,]+) deleted in (\\d+) invocations \\((\\d+) resumes\\)").matcher(out());
    assertThat(done.find()).as("the scavenger's summary line").isTrue();
    assertThat(Integer.parseInt(done.group(4))).as("resumes").isPositive();
    // The scavenger's deletes through the Workers stream: each removed item archived once, the poison record given up
    // alone, the readings aggregated once.
    assertThat(out()).contains("[5/6] events", "removed items archived once each",
        "poison record retried, bisected and queued", "readings of 10 devices aggregated once");
    assertThat(out()).doesNotContain("Task timed out", "FAILED");
  }

  @Test
  void migrateAppliesTheTouristSchemaToAnEmbeddedPostgres() {
    int exit = Main.run("migrate", "--embedded");

    assertThat(exit).isZero();
    assertThat(out()).contains("migrations applied: [V1 create tourists, V2 compare emails normalized]");
  }

  @Test
  void benchTouristWritesItsReport() throws Exception {
    int exit = Main.run("bench", "tourist", "--template", ROOT_TEMPLATE.toString(), "--concurrency", "1,12",
        "-n", "60", "--seed-tourists", "50", "--results", dir.toString());

    assertThat(exit).isZero();
    Path latest = dir.resolve("tourist/latest");
    assertThat(Files.readString(latest.resolve("report.md")))
        .contains("Client round trips", "Handler Duration from REPORT lines", "Cold starts", "USD/M at 128 MB");
    assertThat(latest.resolve("round-trips.png")).isNotEmptyFile();
    // Targets are figures for the report, not assertions: a loaded machine may miss them.
    assertThat(out()).contains("Target warm GET by id handler Duration", "Target no 5xx at c = 12: ");
  }

  @Test
  void seedTableFillsAnEmbeddedDynamoDbLocal() {
    int exit = Main.run("seed-table", "--items", "1000", "--expired-share", "0.5", "--malformed", "4");

    assertThat(exit).isZero();
    assertThat(out()).contains("Seeded Workers: 1,004 items", "500 expired and completed", "4 malformed",
        "must delete 500 and leave 504");
  }

  @Test
  void benchScavengerWritesItsReport() throws Exception {
    int exit = Main.run("bench", "scavenger", "--template", ROOT_TEMPLATE.toString(), "--items", "1500",
        "--grid", "1x1,4x4", "--results", dir.toString());

    assertThat(exit).isZero();
    Path latest = dir.resolve("scavenger/latest");
    assertThat(Files.readString(latest.resolve("report.md")))
        .contains("Runs (1024 MB)", "Delete designs", "The article's runs", "USD at 128 MB", "| yes ")
        .doesNotContain("| NO ");
    assertThat(latest.resolve("results.json")).isNotEmptyFile();
    assertThat(latest.resolve("items-per-second.png")).isNotEmptyFile();
    assertThat(out()).contains("Targets: Best parallel (4x4 batch)", "Delete requests per deleted item");
  }

  @Test
  void benchEmulatorWritesItsReport() throws Exception {
    int exit = Main.run("bench", "emulator", "--template", ROOT_TEMPLATE.toString(), "--cold", "2", "--calls", "20",
        "--results", dir.toString());

    assertThat(exit).isZero();
    Path latest = dir.resolve("emulator/latest");
    assertThat(Files.readString(latest.resolve("report.md"))).contains("Cold starts", "emulator overhead");
    assertThat(latest.resolve("results.json")).isNotEmptyFile();
    assertThat(latest.resolve("cold-starts.png")).isNotEmptyFile();
    assertThat(out()).contains("Targets: cold start p50");
  }
}
