package dev.lambdaloom.bench;

import java.io.Console;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Shows how far a long run has come on stderr. In a terminal it redraws one line at most 10 times
 * a second (label, percent, count/total, rate, ETA); elsewhere, such as CI logs, it prints a plain
 * line at each tenth of the way, so logs stay short. Any thread may call {@link #step()}; nothing
 * here ever throws.
 */
public final class ProgressBar implements AutoCloseable {

  private static final long REDRAW_INTERVAL_NANOS = 100_000_000;
  private static final int LOG_LINES = 10;

  private final String label;
  private final long total;
  private final PrintStream out;
  private final boolean terminal;
  private final long startNanos = System.nanoTime();
  private final AtomicLong done = new AtomicLong();
  // Terminal: when the next redraw may happen. Log: the tenth of the way the last line reported.
  private final AtomicLong nextDrawNanos = new AtomicLong(startNanos);
  private final AtomicLong tenthsReported = new AtomicLong();
  private final AtomicBoolean closed = new AtomicBoolean();
  private int lastLineLength;
  private long lastDrawnCount = -1;

  private ProgressBar(String label, long total, PrintStream out, boolean terminal) {
    this.label = label == null ? "" : label;
    this.total = Math.max(0, total);
    this.out = out;
    this.terminal = terminal;
  }

  /**
   * Starts showing progress towards {@code total} steps on stderr.
   *
   * @param total the number of steps of the whole run; 0 or less when unknown (no percent or ETA)
   */
  public static ProgressBar start(String label, long total) {
    return start(label, total, System.err, isTerminal());
  }

  static ProgressBar start(String label, long total, PrintStream out, boolean terminal) {
    ProgressBar bar = new ProgressBar(label, total, out, terminal);
    if (terminal) {
      try {
        bar.draw();
      } catch (RuntimeException e) {
        // See advance().
      }
    }
    return bar;
  }

  public void step() {
    advance(1);
  }

  public void advance(long steps) {
    if (steps <= 0 || closed.get()) {
      return;
    }
    long count = done.addAndGet(steps);
    try {
      if (terminal) {
        long now = System.nanoTime();
        long next = nextDrawNanos.get();
        // Only the thread that wins the slot draws; the others go straight back to work.
        if (now >= next && nextDrawNanos.compareAndSet(next, now + REDRAW_INTERVAL_NANOS)) {
          draw();
        }
      } else if (total > 0) {
        long tenths = Math.min(LOG_LINES, (long) ((double) count * LOG_LINES / total));
        long reported = tenthsReported.get();
        if (tenths > reported && tenthsReported.compareAndSet(reported, tenths)) {
          draw();
        }
      }
    } catch (RuntimeException e) {
      // A progress display must never break the run it reports on.
    }
  }

  /** Shows the final count (and ends the terminal's line); later steps are ignored. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      if (terminal) {
        draw();
        synchronized (this) {
          out.println();
          out.flush();
        }
      } else {
        drawUnlessShown();
      }
    } catch (RuntimeException e) {
      // See advance().
    }
  }

  private synchronized void drawUnlessShown() {
    if (done.get() != lastDrawnCount) {
      draw();
    }
  }

  private synchronized void draw() {
    long count = done.get();
    String line = line(count, System.nanoTime() - startNanos);
    lastDrawnCount = count;
    if (terminal) {
      // Spaces wipe what is left of a longer previous line.
      out.print("\r" + line + " ".repeat(Math.max(0, lastLineLength - line.length())));
      lastLineLength = line.length();
    } else {
      out.println(line);
    }
    out.flush();
  }

  String line(long count, long elapsedNanos) {
    double seconds = elapsedNanos / 1e9;
    double rate = seconds > 0 ? count / seconds : 0;
    StringBuilder line = new StringBuilder(label);
    if (!label.isEmpty()) {
      line.append(' ');
    }
    if (total > 0) {
      long percent = Math.min(100, (long) (count * 100.0 / total));
      line.append(String.format(Locale.ROOT, "%3d%% %,d/%,d", percent, count, total));
    } else {
      line.append(String.format(Locale.ROOT, "%,d", count));
    }
    line.append(String.format(Locale.ROOT, " %,.0f/s", rate));
    if (total > 0 && count < total && rate > 0) {
      line.append(" ETA ").append(clock((long) Math.ceil((total - count) / rate)));
    } else {
      line.append(" elapsed ").append(clock((long) seconds));
    }
    return line.toString();
  }

  private static String clock(long seconds) {
    long hours = seconds / 3600;
    long minutes = seconds / 60 % 60;
    long secs = seconds % 60;
    return hours > 0
        ? String.format(Locale.ROOT, "%d:%02d:%02d", hours, minutes, secs)
        : String.format(Locale.ROOT, "%d:%02d", minutes, secs);
  }

  private static boolean isTerminal() {
    // Since JDK 22 System.console() is not null even when redirected; isTerminal() tells the truth.
    Console console = System.console();
    return console != null && console.isTerminal();
  }
}
