package dev.lambdaloom.functions.ingest;

import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/** The Parquet schema of readings: the standard three-level list, so every reader sees {@code values} as a list. */
final class ReadingSchema {
  static final MessageType READING = MessageTypeParser.parseMessageType("""
      message reading {
        required binary datetime (STRING);
        required group values (LIST) {
          repeated group list {
            required int64 element;
          }
        }
      }
      """);

  private ReadingSchema() {}
}
