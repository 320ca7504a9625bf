package dev.lambdaloom.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * A bar chart: for each series, a value per category. Several series make grouped bars.
 *
 * @param seriesToCategoryValues series name to (category to value), in the order to draw them
 */
record BarChartSpec(String file, String title, String xLabel, String yLabel,
    Map<String, Map<String, Number>> seriesToCategoryValues) implements ChartSpec {

  BarChartSpec {
    file = ChartSpec.pngFileName(file);
    if (seriesToCategoryValues.isEmpty()) {
      throw new IllegalArgumentException("Bar chart '" + title + "' has no series");
    }
    Map<String, Map<String, Number>> copy = new LinkedHashMap<>();
    seriesToCategoryValues.forEach((series, values) -> {
      if (values.isEmpty()) {
        throw new IllegalArgumentException("Bar chart '" + title + "': series '" + series + "' has no values");
      }
      copy.put(series, Collections.unmodifiableMap(new LinkedHashMap<>(values)));
    });
    seriesToCategoryValues = Collections.unmodifiableMap(copy);
  }

  /** Every category of every series, in the order they first appear. */
  List<String> categories() {
    LinkedHashSet<String> categories = new LinkedHashSet<>();
    seriesToCategoryValues.values().forEach(values -> categories.addAll(values.keySet()));
    return new ArrayList<>(categories);
  }
}
