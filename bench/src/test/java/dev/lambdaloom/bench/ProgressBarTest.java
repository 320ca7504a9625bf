package dev.lambdaloom.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8);

  @Test
  void inALogAMillionStepsPrintAboutTenLinesEndingAtOneHundredPercent() {
    try (ProgressBar bar = ProgressBar.start("invoke", 1_000_000, out, false)) {
      for (int i = 0; i < 1_000_000; i++) {
        bar.step();
      }
    }

    List<String> lines = lines();
    assertThat(lines).hasSizeBetween(10, 12);
    assertThat(lines.getFirst()).startsWith("invoke  10% 100,000/1,000,000");
    assertThat(lines.getLast()).startsWith("invoke 100% 1,000,000/1,000,000");
    assertThat(captured.toString(StandardCharsets.UTF_8)).doesNotContain("\r");
  }

  @Test
  void manyVirtualThreadsSteppingAtOnceCountEveryStep() {
    try (ProgressBar bar = ProgressBar.start("parallel", 100_000, out, false)) {
      try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
        IntStream.range(0, 1000).forEach(t -> executor.submit(() -> {
          for (int i = 0; i < 100; i++) {
            bar.step();
          }
        }));
      }
    }

    List<String> lines = lines();
    assertThat(lines).hasSizeBetween(10, 12);
    assertThat(lines.getLast()).startsWith("parallel 100% 100,000/100,000");
  }

  @Test
  void aRunStoppedEarlyShowsWhereItStopped() {
    try (ProgressBar bar = ProgressBar.start("early", 1000, out, false)) {
      bar.advance(250);
    }

    // One line when the 250 steps passed 20%, none more at close: nothing changed since.
    assertThat(lines()).hasSize(1);
    assertThat(lines().getFirst()).startsWith("early  25% 250/1,000");
  }

  @Test
  void inATerminalItRedrawsOneLineAndEndsIt() {
    ProgressBar bar = ProgressBar.start("tty", 500, out, true);
    bar.advance(500);
    bar.close();
    bar.close();
    bar.step();

    String text = captured.toString(StandardCharsets.UTF_8);
    assertThat(text).startsWith("\rtty   0% 0/500").endsWith("\n");
    assertThat(text.chars().filter(c -> c == '\n')).hasSize(1);
    assertThat(text.substring(text.lastIndexOf('\r'))).startsWith("\rtty 100% 500/500");
  }

  @Test
  void withoutATotalItCountsAndNeverThrows() {
    try (ProgressBar bar = ProgressBar.start(null, 0, out, false)) {
      bar.advance(1234);
      bar.advance(-5);
    }

    assertThat(lines()).hasSize(1);
    assertThat(lines().getFirst()).startsWith("1,234 ");
  }

  @Test
  void aLineShowsRateAndTimeLeft() {
    ProgressBar bar = ProgressBar.start("eta", 1000, out, false);

    assertThat(bar.line(250, 5_000_000_000L)).isEqualTo("eta  25% 250/1,000 50/s ETA 0:15");
    assertThat(bar.line(1000, 3_725_000_000_000L)).isEqualTo("eta 100% 1,000/1,000 0/s elapsed 1:02:05");
  }

  private List<String> lines() {
    return captured.toString(StandardCharsets.UTF_8).lines().toList();
  }
}
