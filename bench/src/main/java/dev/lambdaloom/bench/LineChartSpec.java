package dev.lambdaloom.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A line chart of y over x for several series.
 *
 * @param seriesToPoints series name to its points, each a {@code {x, y}} pair
 */
record LineChartSpec(String file, String title, String xLabel, String yLabel,
    Map<String, List<double[]>> seriesToPoints, boolean logX, boolean logY) implements ChartSpec {

  LineChartSpec {
    file = ChartSpec.pngFileName(file);
    if (seriesToPoints.isEmpty()) {
      throw new IllegalArgumentException("Line chart '" + title + "' has no series");
    }
    Map<String, List<double[]>> copy = new LinkedHashMap<>();
    for (Map.Entry<String, List<double[]>> series : seriesToPoints.entrySet()) {
      List<double[]> points = new ArrayList<>();
      for (double[] point : series.getValue()) {
        if (point.length != 2) {
          throw new IllegalArgumentException("Line chart '" + title + "': a point is {x, y}, got " + point.length + " numbers");
        }
        // Checked here rather than by XChart at write time, so the mistake shows where it is made.
        if ((logX && !(point[0] > 0)) || (logY && !(point[1] > 0))) {
          throw new IllegalArgumentException("Line chart '" + title + "': series '" + series.getKey()
              + "' has a point at or below 0 on a logarithmic axis: (" + point[0] + ", " + point[1] + ")");
        }
        points.add(point.clone());
      }
      if (points.isEmpty()) {
        throw new IllegalArgumentException("Line chart '" + title + "': series '" + series.getKey() + "' has no points");
      }
      copy.put(series.getKey(), Collections.unmodifiableList(points));
    }
    seriesToPoints = Collections.unmodifiableMap(copy);
  }
}
