package dev.lambdaloom.services.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Where S3Mock's and s3proxy's jars are looked for, with files made here. */
class ServerJarTest {
  static final ServerJar[] JARS = {ServerJar.S3MOCK, ServerJar.S3PROXY};

  @TempDir Path dir;

  @ParameterizedTest
  @FieldSource("JARS")
  void explicitPathComesFirst(ServerJar jar) throws Exception {
    Path explicit = Files.createFile(dir.resolve("mine.jar"));
    Path inWorkingDirectory = jarAt(dir.resolve("services/target/services/" + jar.fileName()));

    assertThat(jar.locate(explicit.toString(), null, dir)).isEqualTo(explicit);
    assertThat(jar.locate(null, null, dir)).isEqualTo(inWorkingDirectory);
  }

  @ParameterizedTest
  @FieldSource("JARS")
  void explicitPathThatDoesNotExistIsAnError(ServerJar jar) {
    assertThatThrownBy(() -> jar.locate(dir.resolve("missing.jar").toString(), null, dir))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("missing.jar")
        .hasMessageContaining(jar.property())
        .hasMessageContaining("./mvnw package");
  }

  @ParameterizedTest
  @FieldSource("JARS")
  void homeComesBeforeTheWorkingDirectory(ServerJar jar) throws Exception {
    Path home = dir.resolve("checkout");
    Path inHome = jarAt(home.resolve("services/target/services/" + jar.fileName()));
    Path working = dir.resolve("elsewhere");
    jarAt(working.resolve("services/target/services/" + jar.fileName()));

    assertThat(jar.locate(null, home.toString(), working)).isEqualTo(inHome);
  }

  @ParameterizedTest
  @FieldSource("JARS")
  void insideTheModuleFolder(ServerJar jar) throws Exception {
    Path inModule = jarAt(dir.resolve("target/services/" + jar.fileName()));

    assertThat(jar.locate("", "", dir)).isEqualTo(inModule);
  }

  @ParameterizedTest
  @FieldSource("JARS")
  void nowhereSaysWhatIsMissingAndHowToBuildIt(ServerJar jar) {
    assertThatThrownBy(() -> jar.locate(null, dir.resolve("home").toString(), dir))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith(jar.server() + " was not found")
        .hasMessageContaining("./mvnw package")
        .hasMessageContaining(jar.property())
        .hasMessageContaining(jar.fileName());
  }

  @ParameterizedTest
  @FieldSource("JARS")
  void theJarsAreSeparateFiles(ServerJar jar) throws Exception {
    ServerJar other = jar == ServerJar.S3MOCK ? ServerJar.S3PROXY : ServerJar.S3MOCK;
    jarAt(dir.resolve("target/services/" + other.fileName()));

    assertThatThrownBy(() -> jar.locate(null, null, dir)).isInstanceOf(IllegalStateException.class);
  }

  private static Path jarAt(Path path) throws Exception {
    Files.createDirectories(path.getParent());
    return Files.createFile(path);
  }
}
