package dev.lambdaloom.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The results of one run of one experiment. Collect parameters, notes, tables, charts and data,
 * then {@link #write()} them to {@code <resultsRoot>/<experiment>/<UTC start>/} as results.json,
 * report.md and PNG charts, and copy them to {@code <resultsRoot>/<experiment>/latest/}.
 * Meant for one thread; the report's body keeps the order in which things were added.
 */
public final class BenchReport {

  static final String RESULTS_JSON = "results.json";
  static final String REPORT_MD = "report.md";
  private static final Pattern EXPERIMENT_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");

  static {
    // Before anything can touch AWT: the charts are drawn on servers and in CI, without a display.
    PngCharts.requireHeadless();
  }

  private final Path resultsRoot;
  private final String experiment;
  private final String title;
  private final Clock clock;
  private final Instant startedAt;
  private final Map<String, Object> parameters = new LinkedHashMap<>();
  private final List<ReportSection> sections = new ArrayList<>();
  private final Map<String, Object> data = new LinkedHashMap<>();
  private final Set<String> chartFiles = new HashSet<>();

  private BenchReport(Path resultsRoot, String experiment, String title, Clock clock) {
    if (experiment == null || !EXPERIMENT_NAME.matcher(experiment).matches() || experiment.equals(RunFolders.LATEST)) {
      throw new IllegalArgumentException("An experiment needs a plain lower-case name (a-z, 0-9, . _ -): " + experiment);
    }
    this.resultsRoot = Objects.requireNonNull(resultsRoot, "resultsRoot");
    this.experiment = experiment;
    this.title = Objects.requireNonNull(title, "title");
    this.clock = clock;
    this.startedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  /**
   * Starts the report of a run that starts now; the run's folder is named after this moment.
   *
   * @param resultsRoot usually {@code bench-results} in the repository's root
   * @param experiment the experiment's folder name, e.g. {@code emulator}
   * @param title the report's heading
   */
  public static BenchReport create(Path resultsRoot, String experiment, String title) {
    return create(resultsRoot, experiment, title, Clock.systemUTC());
  }

  static BenchReport create(Path resultsRoot, String experiment, String title, Clock clock) {
    return new BenchReport(resultsRoot, experiment, title, clock);
  }

  /** An experiment's setting, listed at the top of the report and in results.json's parameters. */
  public BenchReport parameter(String name, Object value) {
    parameters.put(Objects.requireNonNull(name, "name"), value);
    return this;
  }

  /** A paragraph of Markdown. */
  public BenchReport note(String markdownParagraph) {
    sections.add(new Note(Objects.requireNonNull(markdownParagraph, "markdownParagraph")));
    return this;
  }

  /**
   * A table: Markdown in the report (numbers right-aligned, with thousands separators and at most 2
   * decimals, or 3 significant digits below 0.01), and in results.json an array of objects keyed by
   * column. Cells may be null.
   */
  public BenchReport table(String title, List<String> columns, List<? extends List<?>> rows) {
    @SuppressWarnings("unchecked")
    List<List<Object>> cells = (List<List<Object>>) (List<?>) rows;
    sections.add(new ResultTable(title, columns, cells));
    return this;
  }

  /**
   * A bar chart, with grouped bars when there are several series.
   *
   * @param file the PNG's name in the run's folder; ".png" is added when missing
   * @param seriesToCategoryValues series to (category to value), in drawing order (use ordered
   *     maps); with a single series no legend is drawn
   */
  public BenchReport barChart(String file, String title, String xLabel, String yLabel,
      Map<String, ? extends Map<String, ? extends Number>> seriesToCategoryValues) {
    Map<String, Map<String, Number>> values = new LinkedHashMap<>();
    seriesToCategoryValues.forEach((series, categories) -> values.put(series, Collections.unmodifiableMap(categories)));
    return addChart(new BarChartSpec(file, title, xLabel, yLabel, values));
  }

  /**
   * A line chart of y over x.
   *
   * @param file the PNG's name in the run's folder; ".png" is added when missing
   * @param seriesToPoints series to its {@code {x, y}} points, in drawing order (use ordered maps)
   * @param logX a logarithmic x axis (then every x must be positive)
   * @param logY a logarithmic y axis (then every y must be positive)
   */
  public BenchReport lineChart(String file, String title, String xLabel, String yLabel,
      Map<String, List<double[]>> seriesToPoints, boolean logX, boolean logY) {
    return addChart(new LineChartSpec(file, title, xLabel, yLabel, seriesToPoints, logX, logY));
  }

  /** Anything else for results.json's data, e.g. records, maps, lists, raw samples. */
  public BenchReport data(String key, Object value) {
    data.put(Objects.requireNonNull(key, "key"), value);
    return this;
  }

  /**
   * Writes the run's folder and refreshes latest/.
   *
   * @return the run's folder, e.g. {@code bench-results/emulator/20261123T121500Z}
   * @throws UncheckedIOException when a file cannot be written; no half-written run folder is left
   */
  public Path write() {
    try {
      Path folder = RunFolders.createRunFolder(resultsRoot.resolve(experiment), startedAt);
      try {
        // Both texts first: a value Jackson cannot serialize fails before any chart is drawn.
        RunEnvironment environment = RunEnvironment.current();
        String json = ResultsJson.write(document(folder.getFileName().toString(), environment));
        String markdown = markdown(folder.getFileName().toString(), environment);
        for (ReportSection section : sections) {
          if (section instanceof ChartSpec chart) {
            PngCharts.write(chart, folder.resolve(chart.file()));
          }
        }
        Files.writeString(folder.resolve(RESULTS_JSON), json, StandardCharsets.UTF_8);
        Files.writeString(folder.resolve(REPORT_MD), markdown, StandardCharsets.UTF_8);
      } catch (IOException | RuntimeException failure) {
        deleteQuietly(folder, failure);
        throw failure;
      }
      RunFolders.refreshLatest(folder);
      return folder;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write the results of " + experiment + " under " + resultsRoot, e);
    }
  }

  private BenchReport addChart(ChartSpec chart) {
    if (!chartFiles.add(chart.file())) {
      throw new IllegalArgumentException("Two charts would both be written to " + chart.file());
    }
    sections.add(chart);
    return this;
  }

  private ResultsJson.Document document(String run, RunEnvironment environment) {
    List<ResultsJson.Table> tables = new ArrayList<>();
    List<ResultsJson.Chart> charts = new ArrayList<>();
    for (ReportSection section : sections) {
      switch (section) {
        case ResultTable table -> tables.add(new ResultsJson.Table(table.title(), table.columns(), table.rowObjects()));
        case ChartSpec chart -> charts.add(new ResultsJson.Chart(chart.file(), chart.title()));
        case Note note -> {
        }
      }
    }
    return new ResultsJson.Document(clock.instant().truncatedTo(ChronoUnit.MILLIS).toString(), startedAt.toString(), run, experiment, title,
        parameters, environment, tables, charts, data);
  }

  private String markdown(String run, RunEnvironment environment) {
    StringBuilder md = new StringBuilder();
    md.append("# ").append(title).append("\n\n");
    md.append("Experiment `").append(experiment).append("`, run `").append(run).append("`, started ")
        .append(startedAt).append(".\n\n");
    if (!parameters.isEmpty()) {
      md.append("## Parameters\n\n");
      List<List<Object>> rows = new ArrayList<>();
      parameters.forEach((name, value) -> rows.add(List.of(name, CellFormat.format(value))));
      md.append(new ResultTable("Parameters", List.of("Parameter", "Value"), rows).markdown()).append('\n');
    }
    for (ReportSection section : sections) {
      switch (section) {
        case Note note -> md.append(note.markdown().strip()).append("\n\n");
        case ResultTable table -> md.append("## ").append(table.title()).append("\n\n").append(table.markdown()).append('\n');
        case ChartSpec chart -> md.append("![").append(chart.title().replace("]", "\\]")).append("](")
            .append(chart.file()).append(")\n\n");
      }
    }
    md.append("## Environment\n\n").append(environment.describe()).append(".\n");
    return md.toString();
  }

  private static void deleteQuietly(Path folder, Exception failure) {
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.toList()) {
        Files.deleteIfExists(file);
      }
      Files.deleteIfExists(folder);
    } catch (IOException | RuntimeException e) {
      failure.addSuppressed(e);
    }
  }
}
