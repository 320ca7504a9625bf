package dev.lambdaloom.readingformat;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Fails with {@link LimitExceeded} once more than {@code maxBytes} have been read, so a stream cannot run forever,
 * and remembers its last few bytes so a syntax error at the very end can be recognised as a cut-off document.
 */
final class ByteLimitedInputStream extends FilterInputStream implements InputEnd {
  /** Not a JSON problem, so Jackson passes it through untouched. */
  static final class LimitExceeded extends IOException {
    LimitExceeded(long maxBytes) {
      super("more than " + maxBytes + " bytes");
    }
  }

  private final long maxBytes;
  private final byte[] last = new byte[MAX_TAIL];
  private long count;
  private boolean ended;

  ByteLimitedInputStream(InputStream in, long maxBytes) {
    super(in);
    this.maxBytes = maxBytes;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b < 0) {
      ended = true;
    } else {
      last[(int) (count % MAX_TAIL)] = (byte) b;
      counted(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = super.read(buffer, offset, length);
    if (n < 0) {
      ended = true;
    } else {
      for (int i = Math.max(0, n - MAX_TAIL); i < n; i++) {
        last[(int) ((count + i) % MAX_TAIL)] = buffer[offset + i];
      }
      counted(n);
    }
    return n;
  }

  @Override
  public long skip(long n) {
    return 0; // Jackson never skips; counting skipped bytes is not worth the code
  }

  @Override
  public byte[] tailFrom(long offset) {
    if (!ended || offset < 0 || offset > count || count - offset > MAX_TAIL) return null;
    byte[] tail = new byte[(int) (count - offset)];
    for (int i = 0; i < tail.length; i++) {
      tail[i] = last[(int) ((offset + i) % MAX_TAIL)];
    }
    return tail;
  }

  private void counted(long n) throws LimitExceeded {
    count += n;
    if (count > maxBytes) throw new LimitExceeded(maxBytes);
  }
}
