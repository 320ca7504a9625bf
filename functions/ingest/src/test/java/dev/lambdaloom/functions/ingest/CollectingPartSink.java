package dev.lambdaloom.functions.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Keeps every part it is given, the way an uploader would send them, and records how the sequence ended. */
final class CollectingPartSink implements PartSink {
  record Part(int number, byte[] bytes) {}

  final List<Part> parts = new ArrayList<>();
  int completions;
  int aborts;
  /** Fail on this part number, like an upload that gives up; 0 never fails. */
  int failOnPart;

  @Override
  public void part(int partNumber, byte[] bytes, int length) throws IOException {
    if (partNumber == failOnPart) throw new IOException("upload of part " + partNumber + " failed");
    parts.add(new Part(partNumber, Arrays.copyOf(bytes, length)));
  }

  @Override
  public void complete() {
    completions++;
  }

  @Override
  public void abort() {
    aborts++;
  }

  byte[] concatenated() {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    parts.forEach(part -> all.writeBytes(part.bytes()));
    return all.toByteArray();
  }
}
