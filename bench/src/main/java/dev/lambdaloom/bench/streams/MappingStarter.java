package dev.lambdaloom.bench.streams;

import dev.lambdaloom.emulator.LogSink;
import dev.lambdaloom.emulator.events.FunctionInvoker;
import dev.lambdaloom.emulator.events.MappingConfig;
import dev.lambdaloom.emulator.events.MappingSettings;
import dev.lambdaloom.emulator.events.StartingPosition;
import dev.lambdaloom.emulator.events.StreamMapping;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Starts the benchmark's stream mappings, each as a template would declare it with only BatchSize and
 * ParallelizationFactor set: TRIM_HORIZON, MaximumBatchingWindowInSeconds 0 (Lambda's default for streams), no filter,
 * no destination, two retries (the fixture never fails; a failure is counted, not retried for ever).
 */
final class MappingStarter {
  private static final int RETRIES = 2;

  private final FunctionInvoker invoker;
  private final String functionName;
  private final String functionArn;
  private final LogSink log;

  MappingStarter(FunctionInvoker invoker, String functionName, String functionArn, LogSink log) {
    this.invoker = invoker;
    this.functionName = functionName;
    this.functionArn = functionArn;
    this.log = log;
  }

  /** A started mapping of {@code stream}; the caller closes it. */
  StreamMapping start(BenchStream stream, MappingShape shape, RunObserver observer) {
    MappingSettings settings = new MappingSettings(shape.batchSize(), Duration.ZERO,
        Optional.of(StartingPosition.TRIM_HORIZON), Optional.empty(), shape.parallelizationFactor(), false,
        Optional.of(RETRIES), Optional.empty(), false, Optional.empty(), List.of(), Optional.empty(), Optional.empty(),
        true);
    String eventName = stream.name() + "B" + shape.batchSize() + "P" + shape.parallelizationFactor();
    String uuid = UUID.nameUUIDFromBytes((functionName + "/" + eventName).getBytes(StandardCharsets.UTF_8))
        .toString();
    MappingConfig config = new MappingConfig(uuid, eventName, functionName, stream.backend().kind(), stream.arn(),
        settings);
    StreamMapping mapping = new StreamMapping(config, stream.source(), invoker, Optional.empty(), record -> true, log,
        functionArn, StreamMapping.DEFAULT_IDLE_POLL, Clock.systemUTC(), observer);
    mapping.start();
    return mapping;
  }
}
