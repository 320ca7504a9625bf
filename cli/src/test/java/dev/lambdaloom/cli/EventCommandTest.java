package dev.lambdaloom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** lambdaloom event: sample events on stdout, bad input refused with exit code 2 and one line saying why. */
class EventCommandTest {
  @RegisterExtension final CapturedConsole console = new CapturedConsole();
  @TempDir Path dir;

  @Test
  void kinesisPrintsAnEventWhoseDataIsTheTextInBase64() throws Exception {
    int exit = Main.run("event", "kinesis", "--data", "hello");

    assertThat(exit).isZero();
    JsonNode record = new ObjectMapper().readTree(console.out()).path("Records").get(0);
    assertThat(record.path("kinesis").path("data").asText()).isEqualTo("aGVsbG8=");
    assertThat(record.path("eventSourceARN").asText()).isEqualTo("arn:aws:kinesis:us-east-1:123456789012:stream/readings");
    assertThat(console.err()).isEmpty();
  }

  @Test
  void theSameOptionsPrintTheSameEventAndTheSeedChangesIt() {
    Main.run("event", "sqs", "--records", "3");
    String first = console.out();
    Main.run("event", "sqs", "--records", "3");
    String second = console.out().substring(first.length());
    Main.run("event", "sqs", "--records", "3", "--seed", "2");
    String reseeded = console.out().substring(first.length() + second.length());

    assertThat(second).isEqualTo(first);
    assertThat(reseeded).isNotEqualTo(first);
  }

  @Test
  void aGeneratedEventIsAnInvokeEventFile() throws Exception {
    Main.run("event", "apigateway", "--method", "POST", "--path", "/tourists", "--body", "{\"name\":\"Ada\"}");
    Path event = Files.writeString(dir.resolve("event.json"), console.out());

    JsonNode request = new ObjectMapper().readTree(event.toFile());

    assertThat(request.path("version").asText()).isEqualTo("2.0");
    assertThat(request.path("requestContext").path("http").path("method").asText()).isEqualTo("POST");
    assertThat(request.path("rawPath").asText()).isEqualTo("/tourists");
    assertThat(request.path("body").asText()).isEqualTo("{\"name\":\"Ada\"}");
  }

  @Test
  void badInputExitsTwoWithTheReason() {
    assertThat(Main.run("event", "kinesis", "--records", "0")).isEqualTo(2);
    assertThat(console.err()).contains("lambdaloom: records must be between 1 and 10000, found 0");

    assertThat(Main.run("event", "dynamodb", "--keys", "{\"pk\":\"w-1\"}")).isEqualTo(2);
    assertThat(console.err()).contains("lambdaloom: keys: attribute \"pk\" must be an object with one type of");

    assertThat(Main.run("event", "dynamodb", "--event-name", "UPSERT")).isEqualTo(2);
    assertThat(console.err()).contains("--event-name", "UPSERT", "INSERT, MODIFY, REMOVE");

    assertThat(Main.run("event", "s3", "--event-name", "ObjectCreated:Upload")).isEqualTo(2);
    assertThat(console.err()).contains("lambdaloom: S3 has no event ObjectCreated:Upload");

    assertThat(Main.run("event", "kinesis", "--data", "a", "--data-file", "b")).isEqualTo(2);
    assertThat(console.err()).contains("mutually exclusive");

    assertThat(Main.run("event", "kinesis", "--data-file", dir.resolve("missing.bin").toString())).isEqualTo(2);
    assertThat(console.err()).contains("lambdaloom: data file not found");

    assertThat(console.out()).isEmpty();
  }
}
