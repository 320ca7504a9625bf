package dev.lambdaloom.bench;

/** One part of report.md's body, kept in the order the experiment added it. */
sealed interface ReportSection permits Note, ResultTable, ChartSpec {
}
