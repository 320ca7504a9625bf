package dev.lambdaloom.emulator;

import java.io.PrintStream;
import java.util.List;

/** Where the emulator sends each function's log lines, the way Lambda sends them to CloudWatch. */
@FunctionalInterface
public interface LogSink {
  /** One batch of lines of one function: an invocation (INIT_START..REPORT) or a failed init. */
  void accept(String function, List<String> lines);

  static LogSink discard() {
    return (function, lines) -> {};
  }

  /** Prints each line; with {@code prefix}, as {@code [Function] line}. */
  static LogSink printTo(PrintStream out, boolean prefix) {
    return (function, lines) -> {
      synchronized (out) {
        for (String line : lines) {
          out.println(prefix ? "[" + function + "] " + line : line);
        }
        out.flush();
      }
    };
  }
}
