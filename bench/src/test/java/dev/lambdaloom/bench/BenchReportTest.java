package dev.lambdaloom.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchReportTest {

  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  private static final Clock NOV_23_12_15 = Clock.fixed(Instant.parse("2026-11-23T12:15:00.250Z"), ZoneOffset.UTC);

  @TempDir
  Path root;

  @Test
  void writesJsonMarkdownAndChartsIntoATimestampedFolder() throws IOException {
    Path folder = sampleReport().write();

    assertThat(folder).isEqualTo(root.resolve("emulator").resolve("20261123T121500Z"));
    assertThat(fileNames(folder)).containsExactlyInAnyOrder("results.json", "report.md", "cold-starts.png",
        "latency-by-concurrency.png");
  }

  @Test
  void resultsJsonHoldsParametersEnvironmentTablesAndData() throws IOException {
    Path folder = sampleReport().write();

    JsonNode json = new ObjectMapper().readTree(folder.resolve("results.json").toFile());

    assertThat(json.get("experiment").asText()).isEqualTo("emulator");
    assertThat(json.get("title").asText()).isEqualTo("Cold starts on the emulator");
    assertThat(json.get("generatedAt").asText()).isEqualTo("2026-11-23T12:15:00.250Z");
    assertThat(json.get("parameters").get("invocations").asInt()).isEqualTo(1000);
    assertThat(json.get("parameters").get("architecture").asText()).isEqualTo("ARM64");
    JsonNode environment = json.get("environment");
    assertThat(environment.get("javaVersion").asText()).startsWith(String.valueOf(Runtime.version().feature()));
    assertThat(environment.get("availableProcessors").asInt()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(environment.fieldNames()).toIterable()
        .containsExactly("javaVersion", "javaVendor", "os", "arch", "availableProcessors", "maxHeapMb");
    JsonNode table = json.get("tables").get(0);
    assertThat(table.get("title").asText()).isEqualTo("Latency by variant");
    assertThat(table.get("rows")).hasSize(2);
    JsonNode firstRow = table.get("rows").get(0);
    assertThat(firstRow.fieldNames()).toIterable().containsExactly("Variant", "Invocations", "p99 (ms)", "Cost per 1M (USD)");
    assertThat(firstRow.get("Variant").asText()).isEqualTo("tiered");
    assertThat(firstRow.get("Invocations").asLong()).isEqualTo(1_234_567);
    assertThat(json.get("data").get("summary").get("count").asLong()).isEqualTo(3);
    assertThat(json.get("data").get("warmup").asText()).isEqualTo("PT1.5S");
    assertThat(json.get("charts").findValuesAsText("file")).containsExactly("cold-starts.png", "latency-by-concurrency.png");
    assertThat(Files.readString(folder.resolve("results.json"))).contains("\n  \"experiment\" : \"emulator\"").doesNotContain("\r");
  }

  @Test
  void reportMarkdownHasTheTablesNotesAndChartImages() throws IOException {
    Path folder = sampleReport().write();

    String markdown = Files.readString(folder.resolve("report.md"));

    assertThat(markdown).startsWith("# Cold starts on the emulator\n");
    assertThat(markdown).contains("| invocations  | 1,000 |").contains("| architecture | ARM64 |");
    assertThat(markdown).contains("The emulator runs on **one** machine.");
    assertThat(markdown).contains("## Latency by variant");
    assertThat(markdown).contains("| Variant | Invocations | p99 (ms) | Cost per 1M (USD) |");
    assertThat(markdown).contains("| ------- | ----------: | -------: | ----------------: |");
    assertThat(markdown).contains("| tiered  |   1,234,567 | 1,234.57 |              1.03 |");
    assertThat(markdown).contains("| a \\| b  |          12 |          |          0.000167 |");
    assertThat(markdown).contains("![Cold starts by memory size](cold-starts.png)");
    assertThat(markdown).contains("![Latency by concurrency](latency-by-concurrency.png)");
    assertThat(markdown).contains("## Environment").doesNotContain("E-").doesNotContain("E+");
    // Things appear in the order the experiment added them.
    assertThat(markdown.indexOf("cold-starts.png")).isLessThan(markdown.indexOf("## Latency by variant"));
  }

  @Test
  void chartsArePngFiles() throws IOException {
    Path folder = sampleReport().write();

    for (String chart : List.of("cold-starts.png", "latency-by-concurrency.png")) {
      byte[] bytes = Files.readAllBytes(folder.resolve(chart));
      assertThat(bytes.length).isGreaterThan(PNG_SIGNATURE.length + 1000);
      assertThat(Arrays.copyOf(bytes, PNG_SIGNATURE.length)).isEqualTo(PNG_SIGNATURE);
    }
    assertThat(System.getProperty("java.awt.headless")).isEqualTo("true");
  }

  @Test
  void latestIsACopyOfTheLastRun() throws IOException {
    Path first = BenchReport.create(root, "emulator", "First", NOV_23_12_15).note("first").write();
    Path latest = root.resolve("emulator").resolve("latest");
    assertThat(Files.readString(latest.resolve("report.md"))).contains("# First");

    Path second = sampleReport().write();

    assertThat(Files.isSymbolicLink(latest)).isFalse();
    assertThat(fileNames(latest)).containsExactlyInAnyOrderElementsOf(fileNames(second));
    for (String file : fileNames(second)) {
      assertThat(Files.readAllBytes(latest.resolve(file))).isEqualTo(Files.readAllBytes(second.resolve(file)));
    }
    assertThat(Files.readString(first.resolve("report.md"))).contains("# First");
  }

  @Test
  void twoRunsStartingInTheSameSecondGetTwoFolders() throws IOException {
    Path first = BenchReport.create(root, "ingest", "One", NOV_23_12_15).write();
    Path second = BenchReport.create(root, "ingest", "Two", NOV_23_12_15).write();
    Path third = BenchReport.create(root, "ingest", "Three", NOV_23_12_15).write();

    assertThat(first.getFileName()).hasToString("20261123T121500Z");
    assertThat(second.getFileName()).hasToString("20261123T121500Z-2");
    assertThat(third.getFileName()).hasToString("20261123T121500Z-3");
    assertThat(Files.readString(second.resolve("report.md"))).contains("# Two");
    assertThat(Files.readString(root.resolve("ingest/latest/report.md"))).contains("# Three");
  }

  @Test
  void aValueJacksonCannotWriteLeavesNoHalfWrittenFolder() {
    BenchReport report = BenchReport.create(root, "tourist", "Broken", NOV_23_12_15).data("bad", new Object());

    assertThatThrownBy(report::write).isInstanceOf(RuntimeException.class);
    assertThat(root.resolve("tourist/20261123T121500Z")).doesNotExist();
    assertThat(root.resolve("tourist/latest")).doesNotExist();
  }

  @Test
  void mistakesFailWhereTheyAreMade() {
    BenchReport report = BenchReport.create(root, "scavenger", "Mistakes", NOV_23_12_15);

    assertThatThrownBy(() -> report.table("t", List.of("a", "b"), List.of(List.of(1)))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> report.lineChart("log", "t", "x", "y", Map.of("s", List.of(new double[] {0, 1})), true, false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> report.barChart("../escape", "t", "x", "y", Map.of("s", Map.of("a", 1))))
        .isInstanceOf(IllegalArgumentException.class);
    report.barChart("same", "t", "x", "y", Map.of("s", Map.of("a", 1)));
    assertThatThrownBy(() -> report.barChart("same.png", "t", "x", "y", Map.of("s", Map.of("a", 1))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BenchReport.create(root, "latest", "t")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BenchReport.create(root, "a/b", "t")).isInstanceOf(IllegalArgumentException.class);
  }

  private BenchReport sampleReport() {
    Map<String, Map<String, Number>> coldStarts = new LinkedHashMap<>();
    coldStarts.put("java25", ordered("128 MB", 1450.5, "512 MB", 620.0, "1769 MB", 310.2));
    coldStarts.put("java25 + SnapStart", ordered("128 MB", 400.0, "512 MB", 210.7, "1769 MB", 150.9));
    Map<String, List<double[]>> latency = new LinkedHashMap<>();
    latency.put("p50", List.of(new double[] {1, 5}, new double[] {10, 7}, new double[] {100, 20}));
    latency.put("p99", List.of(new double[] {1, 9}, new double[] {10, 30}, new double[] {100, 250}));
    return BenchReport.create(root, "emulator", "Cold starts on the emulator", NOV_23_12_15)
        .parameter("invocations", 1000)
        .parameter("architecture", Architecture.ARM64)
        .note("The emulator runs on **one** machine.")
        .barChart("cold-starts", "Cold starts by memory size", "Memory", "Init (ms)", coldStarts)
        .table("Latency by variant", List.of("Variant", "Invocations", "p99 (ms)", "Cost per 1M (USD)"), List.of(
            List.of("tiered", 1_234_567L, 1234.5678, 1.0333),
            Arrays.asList("a | b", 12, null, 0.000166667)))
        .lineChart("latency-by-concurrency.png", "Latency by concurrency", "Concurrency", "Latency (ms)", latency, true, true)
        .data("summary", LatencySummary.of(1_000_000, 2_000_000, 3_000_000))
        .data("warmup", Duration.ofMillis(1500));
  }

  private static Map<String, Number> ordered(Object... categoryValues) {
    Map<String, Number> map = new LinkedHashMap<>();
    for (int i = 0; i < categoryValues.length; i += 2) {
      map.put((String) categoryValues[i], (Number) categoryValues[i + 1]);
    }
    return map;
  }

  private static List<String> fileNames(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(file -> file.getFileName().toString()).sorted().toList();
    }
  }
}
