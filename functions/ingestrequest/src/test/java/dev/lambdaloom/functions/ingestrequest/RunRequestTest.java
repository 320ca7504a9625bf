package dev.lambdaloom.functions.ingestrequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class RunRequestTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FIELDS = "\"urlTemplate\":\"http://127.0.0.1:9/r/{id}\",\"bucket\":\"readings\","
      + "\"range\":{\"from\":0,\"to\":10},\"tags\":[1,\"two\",null,{\"x\":true}]";

  @Test
  void theRequestKeepsEveryFieldAsItCameAndIsNamedByTheMessage() throws Exception {
    byte[] payload = RunRequest.payload("{" + FIELDS + "}", "m-1");

    assertThat(JSON.readTree(payload)).isEqualTo(JSON.readTree("{" + FIELDS + ",\"runId\":\"m-1\"}"));
  }

  @Test
  void aRequestsOwnRunIdWinsAndANullOneIsNone() throws Exception {
    assertThat(JSON.readTree(RunRequest.payload("{\"runId\":\"mine\"," + FIELDS + "}", "m-1")).get("runId").asText())
        .isEqualTo("mine");
    String replaced = new String(RunRequest.payload("{\"runId\":null," + FIELDS + "}", "m-2"));
    assertThat(JSON.readTree(replaced).get("runId").asText()).isEqualTo("m-2");
    assertThat(replaced).containsOnlyOnce("runId");
  }

  @Test
  void badRequestsSayWhatIsWrong() {
    assertThatThrownBy(() -> RunRequest.payload("", "m")).hasMessageContaining("not an ingest request object");
    assertThatThrownBy(() -> RunRequest.payload("{\"bucket\":", "m")).hasMessageContaining("is not JSON");
    assertThatThrownBy(() -> RunRequest.payload("{" + FIELDS + ",\"bucket\":\"again\"}", "m"))
        .hasMessageContaining("is not JSON").hasMessageContaining("bucket");
    assertThatThrownBy(() -> RunRequest.payload("{" + FIELDS + "} {}", "m"))
        .hasMessageContaining("more after its request object");
    assertThatThrownBy(() -> RunRequest.payload("{\"urlTemplate\":\"u\",\"bucket\":7}", "m"))
        .hasMessageContaining("has no bucket");
    assertThatThrownBy(() -> RunRequest.payload("{\"urlTemplate\":\" \",\"bucket\":\"b\"}", "m"))
        .hasMessageContaining("has no urlTemplate");
  }
}
