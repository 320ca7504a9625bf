package dev.lambdaloom.emulator.events;

import dev.lambdaloom.emulator.Emulator;
import dev.lambdaloom.emulator.EmulatorSettings;
import dev.lambdaloom.emulator.LogSink;
import dev.lambdaloom.emulator.fixtures.FixtureCode;
import dev.lambdaloom.emulator.fixtures.StreamBatchHandler;
import dev.lambdaloom.emulator.template.SamTemplate;
import java.nio.file.Path;

/**
 * One fixture function ({@link StreamBatchHandler}, its zip in {@code dir}) with one event source mapping, running in
 * an emulator with its mappings until closed: what the mapping tests share.
 */
record MappingFixture(Emulator emulator, EventSources sources) implements AutoCloseable {
  /**
   * Writes the template: {@code resources} (indented as a Resources entry) and a function {@code function} whose
   * event {@code Events} of {@code type} reads {@code stream} with {@code properties} (one per line, unindented).
   */
  static Path template(Path dir, String resources, String function, String type, String stream, Path recordLog,
      String properties) {
    FixtureCode.archive(dir.resolve("fixture.zip"));
    return FixtureCode.template(dir, resources + """
          %s:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: fixture.zip
              Handler: %s::handleRequest
              Environment:
                Variables:
                  RECORD_LOG: %s
              Events:
                Source:
                  Type: %s
                  Properties:
                    Stream: %s
        %s
        """.formatted(function, StreamBatchHandler.class.getName(), recordLog, type, stream,
        properties.indent(12).stripTrailing()));
  }

  /** Starts the template's functions and mappings against {@code endpoints}; the mappings log to stderr. */
  static MappingFixture start(Path template, SourceEndpoints endpoints) {
    SamTemplate loaded = SamTemplate.load(template);
    Emulator emulator = new Emulator(loaded.functions().values(), EmulatorSettings.defaults(), (f, lines) -> {});
    EventSources sources = EventSources.start(loaded.functions().values(), f -> endpoints,
        (function, payload, cause) -> emulator.invoke(function, payload), LogSink.printTo(System.err, true),
        "us-east-1", name -> "arn:aws:lambda:us-east-1:123456789012:function:" + name);
    return new MappingFixture(emulator, sources);
  }

  EventSourceMapping mapping() {
    return sources.mappings().getFirst();
  }

  @Override
  public void close() {
    sources.close();
    emulator.close();
  }
}
