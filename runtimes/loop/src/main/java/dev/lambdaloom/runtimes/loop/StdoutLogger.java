package dev.lambdaloom.runtimes.loop;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.io.PrintStream;

/** Context.getLogger(): the function's log is the process's standard output, as Lambda collects it. */
record StdoutLogger(PrintStream out) implements LambdaLogger {
  @Override
  public void log(String message) {
    out.print(message);
    out.flush();
  }

  @Override
  public void log(byte[] message) {
    out.write(message, 0, message.length);
    out.flush();
  }
}
