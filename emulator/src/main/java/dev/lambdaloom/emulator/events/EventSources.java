package dev.lambdaloom.emulator.events;

import dev.lambdaloom.emulator.Emulator;
import dev.lambdaloom.emulator.LogSink;
import dev.lambdaloom.emulator.events.filter.FilterInput;
import dev.lambdaloom.emulator.events.filter.RecordFilter;
import dev.lambdaloom.emulator.template.FunctionConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Every event source mapping of a set of functions, running against the local services: what {@code serve},
 * {@code start-api} and the demo start beside the emulator. A mapping whose source has no local endpoint is not
 * started and is reported in {@link #skipped()}. {@link #close()} closes each mapping (joining its threads), then the
 * clients.
 */
public final class EventSources implements AutoCloseable {
  private final List<EventSourceMapping> mappings;
  private final List<String> skipped;
  private final LocalClients clients;

  private EventSources(List<EventSourceMapping> mappings, List<String> skipped, LocalClients clients) {
    this.mappings = List.copyOf(mappings);
    this.skipped = List.copyOf(skipped);
    this.clients = clients;
  }

  /**
   * Builds and starts the mappings of {@code functions}.
   *
   * @param region the region the records say they come from, as the template's ARNs do
   * @param functionArn the ARN of a function by name, for failure records
   */
  public static EventSources start(Collection<FunctionConfig> functions,
      java.util.function.Function<FunctionConfig, SourceEndpoints> endpointsOf, FunctionInvoker invoker, LogSink log,
      String region, java.util.function.Function<String, String> functionArn) {
    Map<String, FunctionConfig> byName = new HashMap<>();
    functions.forEach(f -> byName.put(f.name(), f));
    LocalClients clients = new LocalClients(region);
    List<EventSourceMapping> mappings = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    try {
      for (MappingConfig config : MappingDefinitions.of(functions)) {
        SourceEndpoints endpoints = endpointsOf.apply(byName.get(config.functionName()));
        String what = config.functionName() + "." + config.eventName() + " (" + config.kind().samType() + " "
            + config.sourceName() + ")";
        // A source the local service does not have (a table without its stream, a queue not created) leaves that
        // mapping out, with why; the others and the functions run.
        EventSourceMapping built = null;
        try {
          built = build(config, endpoints, invoker, log, region, functionArn, clients, skipped).orElse(null);
          if (built != null) {
            built.start();
            mappings.add(built);
          }
        } catch (SdkException | IllegalStateException e) {
          if (built != null) {
            built.close();
          }
          skipped.add(what + ": " + e.getMessage());
        }
      }
    } catch (RuntimeException e) {
      mappings.forEach(EventSourceMapping::close);
      clients.close();
      throw e;
    }
    return new EventSources(mappings, skipped, clients);
  }

  /**
   * The mappings of every function of {@code emulator}, invoking through it, each reading the local services its
   * function is given (see {@link SourceEndpoints#forFunction}).
   */
  public static EventSources start(Emulator emulator, LogSink log) {
    String arnPrefix = "arn:aws:lambda:" + emulator.settings().region() + ":" + emulator.settings().accountId()
        + ":function:";
    return start(emulator.functions(),
        f -> SourceEndpoints.forFunction(f, emulator.settings().aws().localEndpoints()),
        emulator::invoke, log, emulator.settings().region(),
        name -> arnPrefix + name);
  }

  /** One line per mapping, started or not, for a command's banner. */
  public List<String> describe() {
    List<String> lines = new ArrayList<>();
    for (EventSourceMapping mapping : mappings) {
      MappingConfig c = mapping.config();
      lines.add(c.functionName() + "." + c.eventName() + " <- " + c.kind().samType() + " " + c.sourceName() + " ("
          + mapping.status().state().label() + ", BatchSize " + c.settings().batchSize() + ", " + c.uuid() + ")");
    }
    skipped.forEach(s -> lines.add(s + " (not started)"));
    return lines;
  }

  private static Optional<EventSourceMapping> build(MappingConfig config, SourceEndpoints endpoints,
      FunctionInvoker invoker, LogSink log, String region, java.util.function.Function<String, String> functionArn,
      LocalClients clients, List<String> skipped) {
    String what = config.functionName() + "." + config.eventName() + " (" + config.kind().samType() + " "
        + config.sourceName() + ")";
    Optional<FailureDestination> destination;
    try {
      destination = destination(config, endpoints, clients);
    } catch (IllegalStateException e) {
      skipped.add(what + ": " + e.getMessage());
      return Optional.empty();
    }
    return switch (config.kind()) {
      case DYNAMODB -> {
        if (endpoints.dynamodb().isEmpty()) {
          skipped.add(what + ": no local DynamoDB runs");
          yield Optional.empty();
        }
        ShardSource source = DynamoDbStreamSource.open(clients.dynamodb(endpoints.dynamodb().get()),
            clients.dynamodbStreams(endpoints.dynamodb().get()), config.sourceName(), config.eventSourceArn(), region);
        yield Optional.of(new StreamMapping(config, source, invoker, destination, filter(config), log,
            functionArn.apply(config.functionName()), StreamMapping.DEFAULT_IDLE_POLL, Clock.systemUTC()));
      }
      case KINESIS -> {
        if (endpoints.kinesis().isEmpty()) {
          skipped.add(what + ": no local Kinesis runs");
          yield Optional.empty();
        }
        ShardSource source = new KinesisStreamSource(clients.kinesis(endpoints.kinesis().get()), config.sourceName(),
            config.eventSourceArn(), region);
        yield Optional.of(new StreamMapping(config, source, invoker, destination, filter(config), log,
            functionArn.apply(config.functionName()), StreamMapping.DEFAULT_IDLE_POLL, Clock.systemUTC()));
      }
      case SQS -> {
        if (endpoints.sqs().isEmpty()) {
          skipped.add(what + ": no local SQS runs");
          yield Optional.empty();
        }
        yield Optional.of(new SqsMapping(config, invoker, new SqsEndpoint(endpoints.sqs().get(), region)));
      }
      // Topics push rather than being polled: LocalTopics delivers them (serve starts it).
      case SNS -> Optional.empty();
    };
  }

  private static Optional<FailureDestination> destination(MappingConfig config, SourceEndpoints endpoints,
      LocalClients clients) {
    Optional<String> arn = config.settings().onFailureDestination();
    if (arn.isEmpty()) {
      return Optional.empty();
    }
    if (arn.get().startsWith("arn:aws:s3:::")) {
      return Optional.of(new S3FailureDestination(arn.get(), clients.s3(endpoints.s3().orElseThrow(
          () -> new IllegalStateException("its OnFailure destination is an S3 bucket and no local S3 runs"))),
          config.uuid()));
    }
    return Optional.of(new SqsFailureDestination(arn.get(), clients.sqs(endpoints.sqs().orElseThrow(
        () -> new IllegalStateException("its OnFailure destination is an SQS queue and no local SQS runs")))));
  }

  /** FilterCriteria as a predicate on a record: parsed once per mapping (the template reader validated it). */
  private static Predicate<ShardRecord> filter(MappingConfig config) {
    RecordFilter filter = RecordFilter.of(config.settings().filterPatterns());
    if (filter.passesEverything()) {
      return record -> true;
    }
    return record -> filter.matches(FilterInput.of(config.kind(), record.json()));
  }

  public List<EventSourceMapping> mappings() {
    return mappings;
  }

  /** Mappings not started, each with why. */
  public List<String> skipped() {
    return skipped;
  }

  /** The mapping with this UUID. */
  public Optional<EventSourceMapping> mapping(String uuid) {
    return mappings.stream().filter(m -> m.config().uuid().equals(uuid)).findFirst();
  }

  @Override
  public void close() {
    try {
      mappings.forEach(EventSourceMapping::close);
    } finally {
      clients.close();
    }
  }
}
