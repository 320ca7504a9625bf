package dev.lambdaloom.bench;

/** A paragraph of Markdown in the report. */
record Note(String markdown) implements ReportSection {
}
