package dev.lambdaloom.emulator.template;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One {@code AWS::Serverless::Function} of a SAM template, with Globals applied and intrinsic
 * functions resolved: everything the emulator needs to run it the way Lambda would.
 *
 * @param name logical id in the template; what the Invoke API and the CLI call it
 * @param handler {@code package.Class::method} for java runtimes; may be null for custom runtimes
 * @param runtime {@code java25}, {@code provided.al2023}, ...
 * @param codeUri absolute path of a directory, a .jar or a .zip
 * @param memoryMb MemorySize, 128..10240
 * @param timeout Timeout, 1..900 s
 * @param environment Environment.Variables, in template order
 * @param reservedConcurrency ReservedConcurrentExecutions, the most environments that run at once
 * @param architecture {@code x86_64} or {@code arm64}, used for cost figures
 * @param maximumRetryAttempts retries of failed asynchronous (Event) invocations, 0..2
 * @param events the Events section as written, for the API gateway and event sources
 */
public record FunctionConfig(
    String name,
    String handler,
    String runtime,
    Path codeUri,
    int memoryMb,
    Duration timeout,
    Map<String, String> environment,
    int reservedConcurrency,
    String architecture,
    int maximumRetryAttempts,
    Map<String, Object> events) {

  public static final int DEFAULT_MEMORY_MB = 128;
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);
  /** Lambdaloom's default when a function reserves no concurrency: a laptop is not an AWS account. */
  public static final int DEFAULT_CONCURRENCY = 10;

  public FunctionConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(runtime, "runtime");
    Objects.requireNonNull(codeUri, "codeUri");
    environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
    events = events == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(events));
  }

  /** True for runtimes the emulator starts as a JVM with AWS's runtime interface client. */
  public boolean isJavaRuntime() {
    return runtime.startsWith("java");
  }

  public FunctionConfig withEnvironment(Map<String, String> newEnvironment) {
    return new FunctionConfig(name, handler, runtime, codeUri, memoryMb, timeout, newEnvironment,
        reservedConcurrency, architecture, maximumRetryAttempts, events);
  }

  public FunctionConfig withTimeout(Duration newTimeout) {
    return new FunctionConfig(name, handler, runtime, codeUri, memoryMb, newTimeout, environment,
        reservedConcurrency, architecture, maximumRetryAttempts, events);
  }

  public FunctionConfig withMemoryMb(int newMemoryMb) {
    return new FunctionConfig(name, handler, runtime, codeUri, newMemoryMb, timeout, environment,
        reservedConcurrency, architecture, maximumRetryAttempts, events);
  }

  public FunctionConfig withReservedConcurrency(int newConcurrency) {
    return new FunctionConfig(name, handler, runtime, codeUri, memoryMb, timeout, environment,
        newConcurrency, architecture, maximumRetryAttempts, events);
  }
}
