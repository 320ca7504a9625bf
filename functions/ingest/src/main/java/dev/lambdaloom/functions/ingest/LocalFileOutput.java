package dev.lambdaloom.functions.ingest;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import org.apache.parquet.io.PositionOutputStream;

/** A Parquet output to a local file (tests, {@code /tmp}); discarding it deletes the partial file. */
final class LocalFileOutput implements DiscardableOutputFile {
  private static final int BUFFER_BYTES = 64 * 1024;

  private final Path path;
  private FileStream stream;
  private boolean completed;
  private boolean discarded;

  LocalFileOutput(Path path) {
    this.path = Objects.requireNonNull(path, "path");
  }

  @Override
  public PositionOutputStream create(long blockSizeHint) throws IOException {
    return open(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
  }

  @Override
  public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
    return open(StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
  }

  private PositionOutputStream open(StandardOpenOption... options) throws IOException {
    if (stream != null || discarded) throw new IOException("a file output is written once: " + path);
    stream = new FileStream(new BufferedOutputStream(Files.newOutputStream(path, options), BUFFER_BYTES));
    return stream;
  }

  @Override
  public boolean supportsBlockSize() {
    return false;
  }

  @Override
  public long defaultBlockSize() {
    return 0;
  }

  @Override
  public String getPath() {
    return path.toString();
  }

  @Override
  public long bytesWritten() {
    return stream == null ? 0 : stream.position;
  }

  @Override
  public void discard() {
    if (completed || discarded) return;
    discarded = true;
    try {
      if (stream != null) stream.out.close();
    } catch (IOException ignored) {
      // the file is deleted next: what failed to flush no longer matters
    }
    try {
      Files.deleteIfExists(path);
    } catch (IOException ignored) {
      // best effort: a partial file in a temp directory
    }
  }

  private final class FileStream extends PositionOutputStream {
    private final OutputStream out;
    private long position;

    FileStream(OutputStream out) {
      this.out = out;
    }

    @Override
    public long getPos() {
      return position;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      position++;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      out.write(bytes, offset, length);
      position += length;
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }

    @Override
    public void close() throws IOException {
      if (completed || discarded) return;
      out.close();
      completed = true;
    }
  }
}
