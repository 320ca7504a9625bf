package dev.lambdaloom.services.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ElasticMqClassPathTest {
  @TempDir
  Path root;

  @Test
  void aModuleFolderFindsTheJarsOfTheCheckoutAboveIt() throws Exception {
    Path jars = Files.createDirectories(root.resolve("services/elasticmq/target/elasticmq"));
    Files.createFile(jars.resolve("elasticmq-server_2.13-1.7.1.jar"));
    Path module = Files.createDirectories(root.resolve("cli"));

    assertThat(ElasticMqClassPath.locate(null, null, module)).isEqualTo(jars);
    assertThat(ElasticMqClassPath.locate("", root.toString(), Path.of("/"))).isEqualTo(jars);
  }

  @Test
  void aFolderWithoutTheServerJarIsNotTaken() throws Exception {
    Path empty = Files.createDirectories(root.resolve("services/elasticmq/target/elasticmq"));

    assertThatThrownBy(() -> ElasticMqClassPath.locate(empty.toString(), null, root))
        .hasMessageContaining(ElasticMqClassPath.PROPERTY);
    assertThatThrownBy(() -> ElasticMqClassPath.locate(null, null, root))
        .hasMessageContaining("./mvnw package");
  }
}
