package dev.lambdaloom.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.time.Duration;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Map;

/** results.json: what a run measured, for programs; its layout is the records below, in their order. */
final class ResultsJson {

  // java.time values as their ISO text, which needs no extra module (jackson-datatype-jsr310).
  private static final SimpleModule JAVA_TIME_AS_TEXT = new SimpleModule("java-time-as-text")
      .addSerializer(TemporalAccessor.class, ToStringSerializer.instance)
      .addSerializer(Duration.class, ToStringSerializer.instance);

  // "\n" whatever the OS, so a file's bytes do not depend on where the run was made.
  private static final ObjectWriter WRITER = JsonMapper.builder().addModule(JAVA_TIME_AS_TEXT).build()
      .writer(new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n")));

  private ResultsJson() {
  }

  static String write(Document document) throws JsonProcessingException {
    return WRITER.writeValueAsString(document) + "\n";
  }

  /** The whole file. */
  record Document(String generatedAt, String startedAt, String run, String experiment, String title,
      Map<String, Object> parameters, RunEnvironment environment, List<Table> tables, List<Chart> charts,
      Map<String, Object> data) {
  }

  /** A table with one object per row, keyed by column. */
  record Table(String title, List<String> columns, List<Map<String, Object>> rows) {
  }

  record Chart(String file, String title) {
  }
}
