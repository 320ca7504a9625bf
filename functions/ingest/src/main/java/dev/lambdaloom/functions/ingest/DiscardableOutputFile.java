package dev.lambdaloom.functions.ingest;

import org.apache.parquet.io.OutputFile;

/** An output parquet writes to, which can also be thrown away and says how much has been written to it. */
interface DiscardableOutputFile extends OutputFile {
  /** Bytes written so far; the file's size once parquet has closed it. */
  long bytesWritten();

  /** Throws away what was written, if the file was not completed; then releases everything. Never throws. */
  void discard();
}
