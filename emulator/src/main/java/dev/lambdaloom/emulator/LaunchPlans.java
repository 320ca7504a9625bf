package dev.lambdaloom.emulator;

import dev.lambdaloom.emulator.template.FunctionConfig;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How Lambda starts a function's runtime: the command and the environment it sets. Java runtimes
 * get AWS's runtime interface client on a JVM sized from MemorySize the way AWS's Java runtime
 * sizes it; {@code provided.*} runtimes get the {@code bootstrap} executable of their code.
 */
final class LaunchPlans {
  static final String RUNTIME_CLIENT_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

  /** One class from each jar the runtime interface client needs; their jars make its class path. */
  private static final List<String> RUNTIME_CLIENT_CLASSES = List.of(
      "com/amazonaws/services/lambda/runtime/api/client/AWSLambda.class",
      "com/amazonaws/services/lambda/runtime/RequestHandler.class",
      "com/amazonaws/services/lambda/runtime/serialization/PojoSerializer.class",
      "software/amazon/awssdk/utilslite/SdkInternalThreadLocal.class");

  private static final DateTimeFormatter LOG_STREAM_DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

  /** The runtime client reads its JNI library from here instead of unpacking it to a fixed /tmp path. */
  private static final String JNI_PROPERTY =
      "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";

  private final Path javaHome;
  private final Path runtimeDirectory;
  private Path jniLibrary;
  private final String region;
  private final String accountId;
  private final String runtimeClasspath;
  private final FunctionAwsEnvironment aws;

  /** @param runtimeDirectory where the runtime's own files go (the client's JNI library), in the emulator's folder */
  LaunchPlans(EmulatorSettings settings, Path runtimeDirectory, FunctionAwsEnvironment aws) {
    this.javaHome = settings.javaHome();
    this.runtimeDirectory = runtimeDirectory;
    this.region = settings.region();
    this.accountId = settings.accountId();
    this.runtimeClasspath = runtimeClientClasspath();
    this.aws = aws;
  }

  Container.LaunchPlan plan(FunctionConfig function, Path taskRoot, Path tmp, String containerId) {
    Map<String, String> env = environment(function, taskRoot, tmp, containerId);
    List<String> command = new ArrayList<>();
    if (function.isJavaRuntime()) {
      command.add(javaHome.resolve("bin/java").toString());
      command.addAll(jvmOptions(function.memoryMb(), function.environment().get("JAVA_TOOL_OPTIONS")));
      command.add("-Djava.io.tmpdir=" + tmp);
      command.add("-D" + JNI_PROPERTY + "=" + jniLibrary());
      command.add("-cp");
      command.add(runtimeClasspath);
      command.add(RUNTIME_CLIENT_MAIN);
      command.add(function.handler());
    } else if (function.runtime().startsWith("provided")) {
      Path bootstrap = taskRoot.resolve("bootstrap");
      if (!Files.isRegularFile(bootstrap)) {
        throw new InvalidEntrypointException("Couldn't find valid bootstrap(s): [" + bootstrap
            + "] (runtime " + function.runtime() + " needs an executable named bootstrap at the root of the code)");
      }
      if (!Files.isExecutable(bootstrap)) {
        throw new InvalidEntrypointException("fork/exec " + bootstrap
            + ": permission denied (the bootstrap is not executable: chmod +x it before zipping)");
      }
      Set<PosixFilePermission> modes = zippedModes(function, bootstrap);
      if (modes != null && !modes.contains(PosixFilePermission.OTHERS_EXECUTE)) {
        // The unpacked file has the zip entry's modes; Lambda runs it through the "others" bits, the emulator as
        // its owner, so an owner-only bootstrap would start here and not on AWS.
        throw new InvalidEntrypointException("fork/exec " + bootstrap + ": permission denied (the bootstrap is "
            + PosixFilePermissions.toString(modes) + " in " + function.codeUri()
            + ": Lambda runs it as a user that owns none of the code; chmod 755 it before zipping)");
      }
      command.add(bootstrap.toString());
    } else {
      throw new IllegalArgumentException(function.name() + ": runtime " + function.runtime()
          + " is not supported by the emulator; use java25 (or another javaNN) or provided.al2023");
    }
    return new Container.LaunchPlan(command, env, taskRoot);
  }

  /** The modes of an unpacked file of a zipped function, as its zip entry gave them; null for a folder's code. */
  private static Set<PosixFilePermission> zippedModes(FunctionConfig function, Path file) {
    if (!Files.isRegularFile(function.codeUri())) {
      return null;
    }
    try {
      return Files.getPosixFilePermissions(file);
    } catch (IOException | UnsupportedOperationException e) {
      return null; // no Unix modes to judge by: the exec itself is the test
    }
  }

  /**
   * AWS's Java runtime gives the heap 85% of MemorySize, metaspace 10% and the code cache 5%, runs
   * the serial collector and, since Java 17, stops tiered compilation at C1 for fast starts. These are
   * defaults: a function that sets one of them in JAVA_TOOL_OPTIONS (AWS documents, e.g., level 4 for
   * compute-heavy functions) gets its own, so each default is left out when the function set its own.
   *
   * <p>The JVM is also told how many processors Lambda's sandbox shows at this memory size: the
   * emulator's CPU share is a cgroup quota, from which the JVM would infer fewer (one at 1,769 MB,
   * so a single virtual-thread carrier), where on Lambda it sees two.
   */
  static List<String> jvmOptions(int memoryMb, String javaToolOptions) {
    String own = javaToolOptions == null ? "" : javaToolOptions;
    long kb = memoryMb * 1024L;
    List<String> options = new ArrayList<>();
    if (!own.contains("-Xmx") && !own.contains("MaxHeapSize") && !own.contains("MaxRAMPercentage")) {
      options.add("-XX:MaxHeapSize=" + kb * 85 / 100 + "k");
    }
    if (!own.contains("MaxMetaspaceSize")) {
      options.add("-XX:MaxMetaspaceSize=" + kb * 10 / 100 + "k");
    }
    if (!own.contains("ReservedCodeCacheSize")) {
      options.add("-XX:ReservedCodeCacheSize=" + kb * 5 / 100 + "k");
    }
    if (!own.matches(".*-XX:\\+Use\\w+GC.*")) {
      options.add("-XX:+UseSerialGC");
    }
    options.add("-Xshare:auto");
    if (!own.contains("TieredCompilation") && !own.contains("TieredStopAtLevel")) {
      options.add("-XX:+TieredCompilation");
      options.add("-XX:TieredStopAtLevel=1");
    }
    if (!own.contains("ActiveProcessorCount")) {
      options.add("-XX:ActiveProcessorCount=" + LambdaCpu.visibleProcessors(memoryMb));
    }
    options.add("-Djava.net.preferIPv4Stack=true");
    options.add("--enable-native-access=ALL-UNNAMED");
    return options;
  }

  /**
   * A function's environment, in three layers. First what the emulator adds and a user may replace: region
   * (AWS_REGION, AWS_DEFAULT_REGION), LANG, PATH, LD_LIBRARY_PATH, and the AWS credentials and endpoints of
   * {@link FunctionAwsEnvironment}. Then the explicit variables (the template's, --env-vars', the CLI's), which win
   * over all of those. Last the runtime's own, which stay the emulator's as Lambda reserves them: _HANDLER,
   * AWS_EXECUTION_ENV, AWS_LAMBDA_* (AWS_LAMBDA_RUNTIME_API is the container's), LAMBDA_TASK_ROOT,
   * LAMBDA_RUNTIME_DIR, TZ, and TMPDIR (the container's /tmp).
   */
  Map<String, String> environment(FunctionConfig function, Path taskRoot, Path tmp, String containerId) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("AWS_REGION", region);
    env.put("AWS_DEFAULT_REGION", region);
    env.put("LANG", "en_US.UTF-8");
    env.put("PATH", "/usr/local/bin:/usr/bin:/bin:/opt/bin");
    env.put("LD_LIBRARY_PATH", taskRoot + ":" + taskRoot.resolve("lib") + ":/opt/lib");
    env.putAll(aws.variables(function.name()));
    Map<String, String> explicit = function.environment();
    env.putAll(explicit);
    if (explicit.containsKey("AWS_ACCESS_KEY_ID") && !explicit.containsKey("AWS_SESSION_TOKEN")) {
      env.remove("AWS_SESSION_TOKEN"); // an inherited token belongs to the inherited key, not to this one
    }
    env.put("_HANDLER", function.handler() == null ? "" : function.handler());
    env.put("AWS_LAMBDA_FUNCTION_NAME", function.name());
    env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memoryMb()));
    env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
    env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
    env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + function.name());
    env.put("AWS_LAMBDA_LOG_STREAM_NAME", LOG_STREAM_DAY.format(Instant.now()) + "/[$LATEST]" + containerId);
    env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
    env.put("LAMBDA_RUNTIME_DIR", taskRoot.toString());
    env.put("TZ", ":UTC");
    env.put("TMPDIR", tmp.toString());
    if (function.isJavaRuntime()) {
      env.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + function.runtime());
    }
    return env;
  }

  /**
   * AWS's runtime client unpacks its JNI library to /tmp/.libaws-lambda-jni.so at every start: fine
   * in Lambda, where each sandbox has its own /tmp, but containers starting together on one machine
   * would overwrite the file under each other (seen here as SIGBUS at load). Unpacked once per
   * emulator instead, and handed to each JVM by the client's own system property.
   */
  private synchronized Path jniLibrary() {
    if (jniLibrary == null) {
      String arch = System.getProperty("os.arch").equals("aarch64") ? "aarch_64" : "x86_64";
      boolean musl = Files.exists(Path.of("/lib/ld-musl-x86_64.so.1")) || Files.exists(Path.of("/lib/ld-musl-aarch64.so.1"));
      String name = "libaws-lambda-jni.linux" + (musl ? "_musl-" : "-") + arch + ".so";
      try (InputStream library = LaunchPlans.class.getClassLoader().getResourceAsStream("jni/" + name)) {
        if (library == null) {
          throw new IllegalStateException("the runtime interface client has no " + name + " for this machine");
        }
        Files.createDirectories(runtimeDirectory);
        Path target = runtimeDirectory.resolve(name);
        Files.copy(library, target, StandardCopyOption.REPLACE_EXISTING);
        jniLibrary = target;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot unpack the runtime interface client's " + name, e);
      }
    }
    return jniLibrary;
  }

  String functionArn(String functionName) {
    return "arn:aws:lambda:" + region + ":" + accountId + ":function:" + functionName;
  }

  private static String runtimeClientClasspath() {
    Set<String> entries = new LinkedHashSet<>();
    ClassLoader loader = LaunchPlans.class.getClassLoader();
    for (String resource : RUNTIME_CLIENT_CLASSES) {
      URL url = loader.getResource(resource);
      if (url == null) {
        throw new IllegalStateException("the Lambda runtime interface client is not on the emulator's class path ("
            + resource + " missing); rebuild with ./mvnw package");
      }
      entries.add(classpathEntry(url, resource));
    }
    return String.join(File.pathSeparator, entries);
  }

  private static String classpathEntry(URL url, String resource) {
    try {
      String text = url.toString();
      if (text.startsWith("jar:")) {
        return Path.of(URI.create(text.substring(4, text.indexOf("!/")))).toString();
      }
      Path file = Path.of(url.toURI());
      Path root = file;
      for (int i = 0; i < resource.split("/").length; i++) {
        root = root.getParent();
      }
      return root.toString();
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new IllegalStateException("cannot locate " + url, e);
    }
  }
}
