package dev.lambdaloom.bench;

import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler.LegendLayout;
import org.knowm.xchart.style.Styler.LegendPosition;

/** Draws charts with XChart into PNG files, without a display. */
final class PngCharts {

  static final int WIDTH = 900;
  static final int HEIGHT = 500;

  static {
    requireHeadless();
  }

  private PngCharts() {
  }

  /**
   * Makes AWT work without a display (servers, CI, containers). It must happen before AWT's first
   * use; an explicit setting by the user is left alone.
   */
  static void requireHeadless() {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  static void write(ChartSpec spec, Path file) throws IOException {
    Chart<?, ?> chart = switch (spec) {
      case BarChartSpec bar -> barChart(bar);
      case LineChartSpec line -> lineChart(line);
    };
    // The OutputStream overload: the String one appends its own extension to the name.
    try (OutputStream out = Files.newOutputStream(file)) {
      BitmapEncoder.saveBitmap(chart, out, BitmapFormat.PNG);
    }
  }

  private static CategoryChart barChart(BarChartSpec spec) {
    CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
        .title(spec.title()).xAxisTitle(spec.xLabel()).yAxisTitle(spec.yLabel()).build();
    style(chart.getStyler(), spec.seriesToCategoryValues().size());
    chart.getStyler().setPlotGridVerticalLinesVisible(false);
    List<String> categories = spec.categories();
    if (categories.size() > 8 || categories.stream().anyMatch(c -> c.length() > 14)) {
      chart.getStyler().setXAxisLabelRotation(30);
    }
    for (Map.Entry<String, Map<String, Number>> series : spec.seriesToCategoryValues().entrySet()) {
      // Grouped bars need every series on the same categories; a missing value draws no bar.
      List<Number> values = new ArrayList<>();
      for (String category : categories) {
        values.add(series.getValue().get(category));
      }
      chart.addSeries(series.getKey(), categories, values);
    }
    return chart;
  }

  private static XYChart lineChart(LineChartSpec spec) {
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
        .title(spec.title()).xAxisTitle(spec.xLabel()).yAxisTitle(spec.yLabel()).build();
    style(chart.getStyler(), spec.seriesToPoints().size());
    chart.getStyler().setXAxisLogarithmic(spec.logX()).setYAxisLogarithmic(spec.logY());
    for (Map.Entry<String, List<double[]>> series : spec.seriesToPoints().entrySet()) {
      List<double[]> points = series.getValue();
      double[] xs = new double[points.size()];
      double[] ys = new double[points.size()];
      for (int i = 0; i < points.size(); i++) {
        xs[i] = points.get(i)[0];
        ys[i] = points.get(i)[1];
      }
      chart.addSeries(series.getKey(), xs, ys);
    }
    return chart;
  }

  private static void style(AxesChartStyler styler, int seriesCount) {
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setLegendVisible(seriesCount > 1);
    // Below the plot, so a legend never hides data or squeezes the plot's width.
    styler.setLegendPosition(LegendPosition.OutsideS);
    styler.setLegendLayout(LegendLayout.Horizontal);
  }
}
