package dev.lambdaloom.functions.ingest;

import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * A Parquet output that cuts the file into parts of {@code partBytes} and hands each to a {@link PartSink} as soon as
 * it is full, so a file of any size is written with one part in memory (plus whatever the sink keeps).
 */
final class MultipartOutputFile implements OutputFile {
  /** S3's limit on the number of parts of one upload. */
  static final int MAX_PARTS = 10_000;

  /** Small files (most are) never need a whole part's buffer: it starts here and doubles up to the part size. */
  private static final int FIRST_BUFFER_BYTES = 256 * 1024;

  private final PartSink sink;
  private final int partBytes;
  private PartStream stream;
  private boolean completed;
  private boolean discarded;

  MultipartOutputFile(PartSink sink, int partBytes) {
    this.sink = Objects.requireNonNull(sink, "sink");
    if (partBytes < PartSink.MIN_PART_BYTES) {
      throw new IllegalArgumentException(
          "partBytes " + partBytes + " is below S3's minimum part size of " + PartSink.MIN_PART_BYTES);
    }
    this.partBytes = partBytes;
  }

  @Override
  public PositionOutputStream create(long blockSizeHint) throws IOException {
    if (stream != null || discarded) throw new IOException("a multipart output is written once");
    stream = new PartStream();
    return stream;
  }

  @Override
  public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
    return create(blockSizeHint);
  }

  @Override
  public boolean supportsBlockSize() {
    return false; // no HDFS blocks to align row groups to
  }

  @Override
  public long defaultBlockSize() {
    return 0;
  }

  /** Bytes written so far; the file's size once parquet has closed it. */
  long bytesWritten() {
    return stream == null ? 0 : stream.position;
  }

  /** Bytes written but not yet handed to the sink (the part being filled). */
  long bytesNotSent() {
    return stream == null || stream.buffer == null ? 0 : stream.filled;
  }

  /** Throws away what was written, if the file was not completed (the sink is aborted). Never throws. */
  void discard() {
    if (completed || discarded) return;
    discarded = true;
    if (stream != null) stream.buffer = null;
    sink.abort();
  }

  private final class PartStream extends PositionOutputStream {
    private byte[] buffer = new byte[Math.min(FIRST_BUFFER_BYTES, partBytes)];
    private int filled;
    private long position;
    private int partsSent;
    private boolean closed;

    @Override
    public long getPos() {
      return position;
    }

    @Override
    public void write(int b) throws IOException {
      ensureOpen();
      if (filled == buffer.length) makeRoom();
      buffer[filled++] = (byte) b;
      position++;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      Objects.checkFromIndexSize(offset, length, bytes.length);
      ensureOpen();
      while (length > 0) {
        if (filled == buffer.length) makeRoom();
        int n = Math.min(length, buffer.length - filled);
        System.arraycopy(bytes, offset, buffer, filled, n);
        filled += n;
        offset += n;
        length -= n;
        position += n;
      }
    }

    /** Parts go out only when more bytes follow, so the last part is never empty. */
    private void makeRoom() throws IOException {
      if (buffer.length < partBytes) {
        buffer = Arrays.copyOf(buffer, (int) Math.min(2L * buffer.length, partBytes));
      } else {
        sendPart();
        buffer = new byte[partBytes];
      }
    }

    private void sendPart() throws IOException {
      if (partsSent == MAX_PARTS) {
        throw new IOException("more than " + MAX_PARTS + " parts of " + partBytes + " bytes: raise the part size");
      }
      byte[] part = buffer;
      int length = filled;
      buffer = null; // the sink owns it now
      filled = 0;
      sink.part(++partsSent, part, length);
    }

    @Override
    public void flush() {
      // Parts have a fixed size; nothing goes out early.
    }

    @Override
    public void close() throws IOException {
      if (closed) return;
      ensureOpen();
      closed = true;
      sendPart();
      sink.complete();
      completed = true;
    }

    private void ensureOpen() throws IOException {
      if (discarded) throw new IOException("output discarded");
      if (closed) throw new IOException("output closed");
    }
  }
}
