package dev.lambdaloom.bench;

import java.util.regex.Pattern;

/** A chart to render to a PNG file in the run's folder and to embed in report.md. */
sealed interface ChartSpec extends ReportSection permits BarChartSpec, LineChartSpec {

  Pattern PLAIN_FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  /** The PNG's file name inside the run's folder. */
  String file();

  String title();

  /** The name with a .png extension, checked to stay inside the run's folder. */
  static String pngFileName(String name) {
    if (name == null || !PLAIN_FILE_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("A chart file needs a plain name (letters, digits, . _ -): " + name);
    }
    return name.toLowerCase(java.util.Locale.ROOT).endsWith(".png") ? name : name + ".png";
  }
}
