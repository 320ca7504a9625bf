package dev.lambdaloom.tools.shrink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real S3 client shrunk for a caller of one operation: the classes the caller reaches stay, the other
 * operations' marshallers go, and what the SDK loads by name stays.
 */
class SdkShrinkTest {
  private static final String JDK_MODULES = "java.base,java.logging,java.xml,java.net.http,java.naming,"
      + "java.management,java.sql,jdk.unsupported";
  private static final Path RULES = Path.of("..", "..", "build", "sdk-shrink.pro").toAbsolutePath().normalize();
  private static final String PUT_ONLY = """
      package dev.lambdaloom.fixture;

      import software.amazon.awssdk.core.sync.RequestBody;
      import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
      import software.amazon.awssdk.services.s3.S3Client;

      public class PutOnly {
        public static void put() {
          try (S3Client s3 = S3Client.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {
            s3.putObject(b -> b.bucket("b").key("k"), RequestBody.fromString("x"));
          }
        }
      }
      """;

  /** Shared: the JDK's classes are copied out once. */
  @TempDir static Path jdkClasses;

  @Test
  void aCallerOfOneOperationKeepsItsMarshallerAndWhatTheSdkLoadsByNameButNotTheOthers(@TempDir Path dir)
      throws Exception {
    Path classes = compile(PUT_ONLY, dir.resolve("classes"));
    Path out = dir.resolve("out").resolve("sdk.jar");
    List<Path> sdk = sdkJars();

    SdkShrink.run(options(classes, sdk, out, ""));

    List<String> entries = entries(out);
    assertThat(entries).contains(
        "software/amazon/awssdk/services/s3/transform/PutObjectRequestMarshaller.class",
        "software/amazon/awssdk/http/urlconnection/UrlConnectionSdkHttpService.class",
        "META-INF/services/software.amazon.awssdk.http.SdkHttpService");
    assertThat(entries).doesNotContain(
        "software/amazon/awssdk/services/s3/transform/DeleteBucketRequestMarshaller.class",
        "software/amazon/awssdk/services/s3/transform/PutBucketLifecycleConfigurationRequestMarshaller.class");
    // The endpoint interceptor casts to every request class; a class nothing builds keeps no builder.
    assertThat(entries).as("another operation's model")
        .doesNotContain("software/amazon/awssdk/services/s3/model/PutBucketLifecycleConfigurationRequest$BuilderImpl.class");
    assertThat(entries).as("the roots are not shipped in it").noneMatch(name -> name.startsWith("dev/"));
    assertThat(entries).as("build metadata left out").noneMatch(name -> name.startsWith("META-INF/maven/"));
    assertThat(Files.getPosixFilePermissions(out)).as("readable by all, as the zip's copy must be on Lambda")
        .contains(PosixFilePermission.OTHERS_READ);
    assertThat(Files.size(out)).isLessThan(sdk.stream().mapToLong(SdkShrinkTest::size).sum() / 2);
  }

  @Test
  void aClassTheCallerNeedsButTheClasspathLacksFailsNamingTheFix(@TempDir Path dir) throws Exception {
    Path classes = compile(PUT_ONLY, dir.resolve("classes"));
    List<Path> withoutClient = sdkJars().stream()
        .filter(jar -> !jar.getFileName().toString().startsWith("url-connection-client")).toList();

    assertThatThrownBy(() -> SdkShrink.run(options(classes, withoutClient, dir.resolve("sdk.jar"), "")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("add its jar to the runtime classpath")
        .hasMessageContaining("--dontwarn");
    assertThat(dir.resolve("sdk.jar")).doesNotExist();

    SdkShrink.run(options(classes, withoutClient, dir.resolve("sdk.jar"),
        "software.amazon.awssdk.http.urlconnection.**"));
    assertThat(entries(dir.resolve("sdk.jar"))).as("left out on purpose")
        .noneMatch(name -> name.contains("/urlconnection/"));
  }

  @Test
  void twoSdkJarsWithDifferentFilesOfOneNameAreRefusedAndIdenticalOnesAreReadOnce(@TempDir Path dir)
      throws Exception {
    Path first = jar(dir.resolve("a.jar"), "META-INF/services/software.amazon.awssdk.http.SdkHttpService", "a.A");
    Path same = jar(dir.resolve("b.jar"), "META-INF/services/software.amazon.awssdk.http.SdkHttpService", "a.A");
    Path other = jar(dir.resolve("c.jar"), "META-INF/services/software.amazon.awssdk.http.SdkHttpService", "c.C");

    SdkResources agreeing = SdkResources.of(List.of(first, same));
    assertThat(agreeing.conflicts()).isEmpty();
    assertThat(agreeing.sources()).containsExactly(
        Map.entry("META-INF/services/software.amazon.awssdk.http.SdkHttpService", first));

    Path classes = compile(PUT_ONLY, dir.resolve("classes"));
    List<Path> sdk = new ArrayList<>(sdkJars());
    sdk.addAll(List.of(first, other));
    assertThatThrownBy(() -> SdkShrink.run(options(classes, sdk, dir.resolve("sdk.jar"), "")))
        .hasMessageContaining("different files of the same name")
        .hasMessageContaining("software.amazon.awssdk.http.SdkHttpService");
  }

  @Test
  void optionsNamingAnSdkJarOffTheClasspathOrNothingToShrinkAreRefused() {
    String classpath = "--runtime-classpath=/x/a.jar" + File.pathSeparator + "/x/b.jar";
    assertThatThrownBy(() -> ShrinkOptions.parse("--classes=c", classpath, "--sdk=/x/c.jar", "--rules=r", "--out=o",
        "--work=w", "--jdk-classes=j", "--jdk-modules=java.base"))
        .hasMessageContaining("not on --runtime-classpath");
    assertThatThrownBy(() -> ShrinkOptions.parse("--classes=c", classpath, "--sdk=", "--rules=r", "--out=o",
        "--work=w", "--jdk-classes=j", "--jdk-modules=java.base"))
        .hasMessageContaining("nothing to shrink");
    ShrinkOptions options = ShrinkOptions.parse("--classes=c", classpath, "--sdk=/x/a.jar", "--rules=r", "--out=o",
        "--work=w", "--jdk-classes=j", "--jdk-modules=java.base");
    assertThat(options.library()).containsExactly(Path.of("/x/b.jar"));
  }

  private static ShrinkOptions options(Path classes, List<Path> sdk, Path out, String dontWarn) {
    List<Path> classpath = new ArrayList<>(sdk);
    classpath.addAll(libraryJars());
    return new ShrinkOptions(classes, classpath, sdk, List.of(), RULES, out, out.getParent().resolve("work"),
        jdkClasses, Arrays.asList(JDK_MODULES.split(",")), dontWarn.isEmpty() ? List.of() : List.of(dontWarn));
  }

  /** The SDK jars on this test's classpath (s3 and the URL-connection client, with what they bring). */
  private static List<Path> sdkJars() {
    return classpath().stream().filter(jar -> jar.toString().contains("/software/amazon/awssdk/")
        && !jar.toString().contains("/software/amazon/awssdk/crt/")).toList();
  }

  /** The SDK's other runtime dependencies, read as libraries. */
  private static List<Path> libraryJars() {
    return classpath().stream().filter(jar -> jar.toString().contains("/org/slf4j/")
        || jar.toString().contains("/org/reactivestreams/") || jar.toString().contains("/software/amazon/eventstream/"))
        .toList();
  }

  private static List<Path> classpath() {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .map(entry -> Path.of(entry).toAbsolutePath()).toList();
  }

  private static Path compile(String source, Path classes) throws IOException {
    Path file = classes.getParent().resolve("src").resolve("PutOnly.java");
    Files.createDirectories(file.getParent());
    Files.createDirectories(classes);
    Files.writeString(file, source);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    String path = String.join(File.pathSeparator, sdkJars().stream().map(Path::toString).toList());
    int status = javac.run(null, null, null, "-cp", path, "-d", classes.toString(), file.toString());
    assertThat(status).as("the fixture compiles").isZero();
    return classes;
  }

  private static Path jar(Path file, String name, String content) throws IOException {
    try (OutputStream bytes = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(bytes)) {
      jar.putNextEntry(new JarEntry(name));
      jar.write(content.getBytes(StandardCharsets.UTF_8));
      jar.closeEntry();
    }
    return file;
  }

  private static List<String> entries(Path jar) throws IOException {
    try (JarFile file = new JarFile(jar.toFile())) {
      return Collections.list(file.entries()).stream().map(JarEntry::getName).toList();
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
