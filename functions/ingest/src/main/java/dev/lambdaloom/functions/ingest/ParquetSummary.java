package dev.lambdaloom.functions.ingest;

/**
 * What a finished Parquet file holds.
 *
 * @param rows readings written
 * @param values int64 values written, over all rows
 * @param bytes the file's size
 * @param rowGroups row groups in the file
 */
public record ParquetSummary(long rows, long values, long bytes, int rowGroups) {}
