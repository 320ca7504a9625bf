package dev.lambdaloom.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvVarsFileTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void writesSamLocalsFormatReadableByItsOwnerOnly() throws Exception {
    Path path = dir.resolve("services.env.json");

    EnvVarsFile file = EnvVarsFile.claim(path);
    file.write(Map.of("DB_PASSWORD", "secret", "AWS_ENDPOINT_URL_S3", "http://127.0.0.1:9"));

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).isEqualTo("rw-------");
    JsonNode root = JSON.readTree(path.toFile());
    assertThat(root.properties()).extracting(Map.Entry::getKey).containsExactly("Parameters");
    assertThat(root.get("Parameters").get("DB_PASSWORD").asText()).isEqualTo("secret");
    assertThat(root.get("Parameters").get(EnvVarsFile.WRITER_VARIABLE).asText())
        .startsWith("pid " + ProcessHandle.current().pid() + " since ");
    assertThat(Files.list(dir)).containsExactly(path); // no temporary file left beside it
  }

  @Test
  void neverReplacesAFileItDidNotWrite() throws Exception {
    Path path = Files.writeString(dir.resolve("env.json"), "{\"Parameters\": {\"DB_URL\": \"mine\"}}");

    assertThatThrownBy(() -> EnvVarsFile.claim(path)).isInstanceOf(FileAlreadyExistsException.class)
        .hasMessageContaining("was not written by Lambdaloom's embedded services");
    assertThat(Files.readString(path)).isEqualTo("{\"Parameters\": {\"DB_URL\": \"mine\"}}");

    Files.writeString(path, "not JSON at all");
    assertThatThrownBy(() -> EnvVarsFile.claim(path)).isInstanceOf(FileAlreadyExistsException.class);
  }

  @Test
  void replacesTheFileOfARunThatEndedButNotOfOneStillRunning() throws Exception {
    Path path = dir.resolve("env.json");
    Process ended = new ProcessBuilder("true").start();
    ended.waitFor();
    Files.writeString(path, "{\"Parameters\": {\"" + EnvVarsFile.WRITER_VARIABLE + "\": \"pid " + ended.pid()
        + " since 2026-01-01T00:00:00Z\"}}");

    EnvVarsFile.claim(path).write(Map.of("DB_URL", "new"));
    assertThat(JSON.readTree(path.toFile()).get("Parameters").get("DB_URL").asText()).isEqualTo("new");

    long running = ProcessHandle.current().parent().orElseThrow().pid(); // the build tool's JVM
    Files.writeString(path, "{\"Parameters\": {\"" + EnvVarsFile.WRITER_VARIABLE + "\": \"pid " + running
        + " since 2026-01-01T00:00:00Z\"}}");
    assertThatThrownBy(() -> EnvVarsFile.claim(path)).isInstanceOf(FileAlreadyExistsException.class)
        .hasMessageContaining("running as pid " + running);
  }

  @Test
  void deletesOnlyTheFileAsItWroteItAndDoesNotWriteOverOneTheUserPutThereMeanwhile() throws Exception {
    Path path = dir.resolve("env.json");
    EnvVarsFile file = EnvVarsFile.claim(path);
    file.write(Map.of("DB_URL", "x"));
    assertThat(file.deleteIfOurs()).isTrue();
    assertThat(path).doesNotExist();

    String users = "{\"Parameters\": {\"DB_URL\": \"the user's now\"}}";
    Files.writeString(path, users);
    assertThat(file.deleteIfOurs()).isFalse();
    assertThatThrownBy(() -> file.write(Map.of("DB_URL", "x"))).isInstanceOf(FileAlreadyExistsException.class);
    assertThat(Files.readString(path)).isEqualTo(users);
  }
}
