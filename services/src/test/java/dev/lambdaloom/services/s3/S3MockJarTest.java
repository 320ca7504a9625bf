package dev.lambdaloom.services.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class S3MockJarTest {
  @TempDir Path dir;

  @Test
  void explicitPathComesFirst() throws Exception {
    Path explicit = Files.createFile(dir.resolve("mine.jar"));
    Path inWorkingDirectory = jarAt(dir.resolve("services/target/services/s3mock.jar"));

    assertThat(S3MockJar.locate(explicit.toString(), null, dir)).isEqualTo(explicit);
    assertThat(S3MockJar.locate(null, null, dir)).isEqualTo(inWorkingDirectory);
  }

  @Test
  void explicitPathThatDoesNotExistIsAnError() {
    assertThatThrownBy(() -> S3MockJar.locate(dir.resolve("missing.jar").toString(), null, dir))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("missing.jar")
        .hasMessageContaining("./mvnw package");
  }

  @Test
  void homeComesBeforeTheWorkingDirectory() throws Exception {
    Path home = dir.resolve("checkout");
    Path inHome = jarAt(home.resolve("services/target/services/s3mock.jar"));
    Path working = dir.resolve("elsewhere");
    jarAt(working.resolve("services/target/services/s3mock.jar"));

    assertThat(S3MockJar.locate(null, home.toString(), working)).isEqualTo(inHome);
  }

  @Test
  void insideTheModuleFolder() throws Exception {
    Path inModule = jarAt(dir.resolve("target/services/s3mock.jar"));

    assertThat(S3MockJar.locate("", "", dir)).isEqualTo(inModule);
  }

  @Test
  void nowhereSaysHowToBuildIt() {
    assertThatThrownBy(() -> S3MockJar.locate(null, dir.resolve("home").toString(), dir))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("./mvnw package")
        .hasMessageContaining(S3MockJar.PROPERTY);
  }

  private static Path jarAt(Path path) throws Exception {
    Files.createDirectories(path.getParent());
    return Files.createFile(path);
  }
}
