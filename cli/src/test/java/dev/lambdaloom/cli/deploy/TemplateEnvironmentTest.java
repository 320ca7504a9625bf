package dev.lambdaloom.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lambdaloom.emulator.template.FunctionConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every environment variable a function's code reads (its module's sources and the project libraries its zip
 * packages) is declared in its Environment, or is one Lambda sets: a variable missing on AWS is a setting silently at
 * its default, or an init that fails there and nowhere else.
 *
 * <p>A variable is "read" where its name is a string literal in one of the ways this code reads settings:
 * {@code System.getenv("X")}, {@code environment.get("X")} / {@code getOrDefault("X"}, the variable argument of
 * core's Settings ({@code text(key, "X", ...)}, {@code flag}, {@code wholeNumber}, {@code number}, {@code choice}),
 * {@code required(settings, "X", ...)}, or a constant {@code ..._VARIABLE = "X"}. Names without an underscore are not
 * taken for variables (enum constants, HTTP methods).
 */
class TemplateEnvironmentTest {
  private static final String NAME = "([A-Z][A-Z0-9]*_[A-Z0-9_]+)";
  private static final List<Pattern> READS = List.of(
      Pattern.compile("getenv\\(\\s*\"" + NAME + "\""),
      Pattern.compile("\\.get(?:OrDefault)?\\(\\s*\"" + NAME + "\""),
      Pattern.compile("\\.(?:text|flag|wholeNumber|number|choice)\\(\\s*[^,()]+,\\s*\"" + NAME + "\""),
      Pattern.compile("required\\(\\s*[^,()]+,\\s*\"" + NAME + "\""),
      Pattern.compile("_VARIABLE\\s*=\\s*\"" + NAME + "\""));

  /** Set by Lambda in every function's environment (or by its runtime). */
  private static final Set<String> SET_BY_LAMBDA = Set.of(
      "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
      "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_LOG_GROUP_NAME", "AWS_LAMBDA_LOG_STREAM_NAME",
      "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_RUNTIME_API", "AWS_EXECUTION_ENV", "AWS_ACCESS_KEY_ID",
      "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_CONTAINER_CREDENTIALS_FULL_URI",
      "AWS_CONTAINER_AUTHORIZATION_TOKEN", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR", "AWS_XRAY_DAEMON_ADDRESS",
      "AWS_XRAY_CONTEXT_MISSING", "_X_AMZN_TRACE_ID");

  /**
   * Read but deliberately left out of the template, each with why: the code's default is what AWS should run with.
   */
  private static final Map<String, String> OPTIONAL = Map.of(
      "PAGE_SIZE", "scavenger: unset means DynamoDB's own 1 MB pages; a tuning knob for benchmarks",
      "PROBE_REQUEST_TIMEOUT_MS", "s3probe: each probe event may give requestTimeoutMs; unset means the client's");

  /** The project libraries a function zip may carry, by artifact id, and where their sources are. */
  private static final Map<String, String> LIBRARIES = Map.of(
      "lambdaloom-core", "core",
      "lambdaloom-eventkit", "functions/eventkit",
      "lambdaloom-snapstart", "functions/snapstart",
      "lambdaloom-reading-format", "functions/reading-format");
  private static final Pattern COMPILE_DEPENDENCY = Pattern.compile(
      "<dependency>\\s*<groupId>dev\\.lambdaloom</groupId>\\s*<artifactId>([^<]+)</artifactId>(.*?)</dependency>",
      Pattern.DOTALL);

  @Test
  void everyVariableTheCodeReadsIsDeclaredOrSetByLambda() {
    Map<String, Set<String>> missing = new LinkedHashMap<>();
    for (FunctionConfig function : new RootTemplate().loaded().functions().values()) {
      Set<String> undeclared = new TreeSet<>(variablesRead(module(function)));
      undeclared.removeAll(function.environment().keySet());
      undeclared.removeAll(SET_BY_LAMBDA);
      undeclared.removeAll(OPTIONAL.keySet());
      // The emulator points the SDKs at local services with these; unset on AWS means AWS's own endpoints.
      undeclared.removeIf(name -> name.startsWith("AWS_ENDPOINT_URL"));
      if (!undeclared.isEmpty()) {
        missing.put(function.name(), undeclared);
      }
    }
    assertThat(missing).as("variables the code reads that the template does not declare (declare them, or add them"
        + " to OPTIONAL with why the default is right on AWS)").isEmpty();
  }

  @Test
  void findsTheVariablesTheTouristFunctionReads() {
    // The scan itself: if the patterns stopped matching, the test above would pass on nothing.
    assertThat(variablesRead(RootTemplate.ROOT.resolve("functions/tourist")))
        .contains("DB_URL", "DB_USER", "DB_PASSWORD", "DB_SECRET_ARN", "CURSOR_KEY", "AWS_LAMBDA_FUNCTION_NAME");
    assertThat(variablesRead(RootTemplate.ROOT.resolve("functions/scavenger"))).contains("TABLE_NAME", "DRY_RUN");
  }

  /** functions/NAME for a CodeUri functions/NAME/target/NAME.zip. */
  private static Path module(FunctionConfig function) {
    return function.codeUri().getParent().getParent();
  }

  private static Set<String> variablesRead(Path module) {
    Set<String> names = new TreeSet<>();
    for (Path sources : sourceRoots(module)) {
      try (Stream<Path> files = Files.walk(sources)) {
        files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
          String text = read(f);
          for (Pattern read : READS) {
            Matcher m = read.matcher(text);
            while (m.find()) {
              names.add(m.group(1));
            }
          }
        });
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return names;
  }

  /** The module's main sources and those of the project libraries it packages (outside test scope), transitively. */
  private static Set<Path> sourceRoots(Path module) {
    Set<Path> roots = new java.util.LinkedHashSet<>();
    addSources(module, roots);
    return roots;
  }

  private static void addSources(Path module, Set<Path> roots) {
    if (!roots.add(module.resolve("src/main/java"))) {
      return;
    }
    Matcher m = COMPILE_DEPENDENCY.matcher(read(module.resolve("pom.xml")));
    while (m.find()) {
      if (m.group(2).contains("<scope>test</scope>") || m.group(2).contains("<scope>provided</scope>")) {
        continue;
      }
      String library = LIBRARIES.get(m.group(1));
      assertThat(library).as("%s packages %s: add its sources to LIBRARIES", module.getFileName(), m.group(1))
          .isNotNull();
      addSources(RootTemplate.ROOT.resolve(library), roots);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
