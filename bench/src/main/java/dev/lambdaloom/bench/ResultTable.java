package dev.lambdaloom.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A titled table of results: rendered as Markdown in report.md and as objects in results.json. */
record ResultTable(String title, List<String> columns, List<List<Object>> rows) implements ReportSection {

  ResultTable {
    columns = List.copyOf(columns);
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("Table '" + title + "' has no columns");
    }
    if (new HashSet<>(columns).size() != columns.size()) {
      throw new IllegalArgumentException("Table '" + title + "' repeats a column name: " + columns);
    }
    List<List<Object>> copies = new ArrayList<>();
    for (List<?> row : rows) {
      if (row.size() != columns.size()) {
        throw new IllegalArgumentException("Table '" + title + "' has " + columns.size() + " columns but a row has "
            + row.size() + " cells: " + row);
      }
      // Cells may be null (an empty cell), which List.copyOf refuses.
      copies.add(Collections.unmodifiableList(new ArrayList<>(row)));
    }
    rows = List.copyOf(copies);
  }

  /** The rows as objects keyed by column, in column order, for JSON. */
  List<Map<String, Object>> rowObjects() {
    List<Map<String, Object>> objects = new ArrayList<>();
    for (List<Object> row : rows) {
      Map<String, Object> object = new LinkedHashMap<>();
      for (int i = 0; i < columns.size(); i++) {
        object.put(columns.get(i), row.get(i));
      }
      objects.add(object);
    }
    return objects;
  }

  /** The table in GitHub-flavoured Markdown, columns padded so the raw text reads well too. */
  String markdown() {
    List<List<String>> cells = new ArrayList<>();
    for (List<Object> row : rows) {
      cells.add(row.stream().map(cell -> escape(CellFormat.format(cell))).toList());
    }
    int[] widths = new int[columns.size()];
    boolean[] numeric = new boolean[columns.size()];
    for (int i = 0; i < columns.size(); i++) {
      widths[i] = Math.max(3, escape(columns.get(i)).length());
      numeric[i] = !rows.isEmpty();
      for (int r = 0; r < rows.size(); r++) {
        widths[i] = Math.max(widths[i], cells.get(r).get(i).length());
        Object cell = rows.get(r).get(i);
        numeric[i] &= cell == null || CellFormat.isNumeric(cell);
      }
    }
    StringBuilder markdown = new StringBuilder();
    appendRow(markdown, columns.stream().map(ResultTable::escape).toList(), widths, numeric);
    markdown.append('|');
    for (int i = 0; i < widths.length; i++) {
      // Numbers are right-aligned so their digits line up.
      markdown.append(' ').append("-".repeat(widths[i] - 1)).append(numeric[i] ? ':' : '-').append(" |");
    }
    markdown.append('\n');
    for (List<String> row : cells) {
      appendRow(markdown, row, widths, numeric);
    }
    return markdown.toString();
  }

  private static void appendRow(StringBuilder markdown, List<String> cells, int[] widths, boolean[] rightAligned) {
    markdown.append('|');
    for (int i = 0; i < cells.size(); i++) {
      String padding = " ".repeat(widths[i] - cells.get(i).length());
      markdown.append(' ').append(rightAligned[i] ? padding + cells.get(i) : cells.get(i) + padding).append(" |");
    }
    markdown.append('\n');
  }

  private static String escape(String text) {
    return text.replace("|", "\\|").replace("\r", " ").replace("\n", " ");
  }
}
