package dev.lambdaloom.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What a command prints, captured for each test (register with {@code @RegisterExtension}), and echoed to the real
 * stdout and stderr afterwards for the test report.
 */
final class CapturedConsole implements BeforeEachCallback, AfterEachCallback {
  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private PrintStream originalOut;
  private PrintStream originalErr;

  @Override
  public void beforeEach(ExtensionContext context) {
    originalOut = System.out;
    originalErr = System.err;
    System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
  }

  @Override
  public void afterEach(ExtensionContext context) {
    System.setOut(originalOut);
    System.setErr(originalErr);
    originalOut.print(out());
    originalErr.print(err());
  }

  String out() {
    return stdout.toString(StandardCharsets.UTF_8);
  }

  String err() {
    return stderr.toString(StandardCharsets.UTF_8);
  }
}
