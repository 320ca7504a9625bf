package dev.lambdaloom.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** A plain-text table with aligned columns, for summaries printed to a terminal. */
final class TextTable {
  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();

  TextTable(String... header) {
    this.header = List.of(header);
  }

  TextTable row(Object... cells) {
    if (cells.length != header.size()) {
      throw new IllegalArgumentException("expected " + header.size() + " cells, got " + cells.length);
    }
    List<String> row = new ArrayList<>();
    for (Object cell : cells) {
      row.add(cell == null ? "-" : cell.toString());
    }
    rows.add(row);
    return this;
  }

  void print(PrintStream out) {
    int[] widths = new int[header.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = header.get(i).length();
      for (List<String> row : rows) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    printRow(out, header, widths);
    StringBuilder rule = new StringBuilder();
    for (int width : widths) {
      rule.append("-".repeat(width)).append("  ");
    }
    out.println(rule.toString().stripTrailing());
    rows.forEach(row -> printRow(out, row, widths));
  }

  private static void printRow(PrintStream out, List<String> cells, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      line.append(cells.get(i)).append(" ".repeat(widths[i] - cells.get(i).length())).append("  ");
    }
    out.println(line.toString().stripTrailing());
  }
}
