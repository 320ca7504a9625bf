package dev.lambdaloom.functions.ingest;

import dev.lambdaloom.readingformat.Reading;
import dev.lambdaloom.readingformat.ReadingJson;
import dev.lambdaloom.readingformat.ReadingParser;
import dev.lambdaloom.readingformat.Rejection;
import java.nio.file.Path;

/**
 * Parses generated API documents and writes them to a Parquet file, with nothing but the function's own class path.
 * IngestZipIT runs it from the unpacked Lambda zip; by hand it gives a rough single-thread throughput:
 * {@code java -cp ... dev.lambdaloom.functions.ingest.WriteSampleParquet out.parquet 2000 1000 [rounds]}.
 */
public final class WriteSampleParquet {
  private WriteSampleParquet() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    int documents = Integer.parseInt(args[1]);
    int valuesPerDocument = Integer.parseInt(args[2]);
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 1;

    byte[][] bodies = new byte[documents][];
    long jsonBytes = 0;
    for (int i = 0; i < documents; i++) {
      bodies[i] = ReadingJson.of(ReadingJson.datetime(i), ReadingJson.sensorValues(valuesPerDocument, i));
      jsonBytes += bodies[i].length;
    }

    ReadingParser parser = new ReadingParser();
    for (int round = 1; round <= rounds; round++) {
      long start = System.nanoTime();
      ParquetSummary summary;
      try (ReadingsParquetWriter writer = FilePartSink.writer(file, ParquetOptions.DEFAULT)) {
        for (byte[] body : bodies) {
          switch (parser.parse(body)) {
            case Reading reading -> writer.write(reading);
            case Rejection rejection -> throw new IllegalStateException(rejection.toString());
          }
        }
        summary = writer.finish();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf("round %d: %d rows, %d values, %d bytes of Parquet, %d row groups from %d bytes of JSON"
              + " in %.3f s: %.1f MB/s of JSON%n", round, summary.rows(), summary.values(), summary.bytes(),
          summary.rowGroups(), jsonBytes, seconds, jsonBytes / seconds / 1e6);
    }
  }
}
