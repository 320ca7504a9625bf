package dev.lambdaloom.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A container's stdout and stderr, which the runtime process appends straight to a file. Reading
 * the file when the runtime comes back for its next event (or has died) gives every line the
 * invocation wrote, in order, with no reader thread racing the process's own writes. The file is
 * held open from the start, so it stays readable after its folder is removed.
 */
final class OutputLog implements AutoCloseable {
  private static final int MAX_READ = 16 * 1024 * 1024;

  private final Path file;
  private final FileChannel channel;
  private long position;
  private final StringBuilder partial = new StringBuilder();
  private boolean closed;

  OutputLog(Path file) {
    this.file = file;
    try {
      this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
          StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create container output " + file, e);
    }
  }

  Path file() {
    return file;
  }

  /** Complete lines written since the last call; a line still being written waits for the next call. */
  synchronized List<String> newLines() {
    return read(false);
  }

  /** Everything left, the unfinished last line included; the process is gone, so this is the end. */
  synchronized List<String> remainingLines() {
    List<String> lines = read(true);
    close();
    return lines;
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      try {
        channel.close();
      } catch (IOException e) {
        // nothing left to read anyway
      }
    }
  }

  private List<String> read(boolean includePartial) {
    if (closed) {
      return List.of();
    }
    try {
      long size = channel.size();
      if (size > position) {
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(size - position, MAX_READ));
        channel.read(buffer, position);
        buffer.flip();
        int end = buffer.limit();
        int lastNewline = -1;
        for (int i = end - 1; i >= 0; i--) {
          if (buffer.get(i) == '\n') {
            lastNewline = i;
            break;
          }
        }
        // Whole lines only (a newline never splits a UTF-8 sequence); the rest waits for its newline.
        boolean fullWithoutNewline = lastNewline < 0 && end == MAX_READ;
        int take = includePartial || fullWithoutNewline ? end : lastNewline + 1;
        partial.append(new String(buffer.array(), 0, take, StandardCharsets.UTF_8));
        position += take;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read container output " + file, e);
    }
    List<String> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < partial.length(); i++) {
      if (partial.charAt(i) == '\n') {
        lines.add(withoutCarriageReturn(partial.substring(start, i)));
        start = i + 1;
      }
    }
    String rest = partial.substring(start);
    partial.setLength(0);
    if (!includePartial) {
      partial.append(rest);
    } else if (!rest.isEmpty()) {
      lines.add(withoutCarriageReturn(rest));
    }
    return lines;
  }

  private static String withoutCarriageReturn(String line) {
    return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
  }
}
