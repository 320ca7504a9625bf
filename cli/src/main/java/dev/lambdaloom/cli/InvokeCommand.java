package dev.lambdaloom.cli;

import dev.lambdaloom.emulator.Emulator;
import dev.lambdaloom.emulator.InvokeResult;
import dev.lambdaloom.emulator.LogSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "invoke", mixinStandardHelpOptions = true,
    description = {"Invoke one function once, like 'sam local invoke' without Docker.",
        "The response goes to stdout; logs and the REPORT line to stderr. Exits 1 on a function error."})
final class InvokeCommand implements Callable<Integer> {
  @Mixin EmulatorOptions options;

  @Parameters(index = "0", paramLabel = "FUNCTION", description = "Logical id of the function in the template")
  String function;

  @Option(names = {"-e", "--event"}, paramLabel = "FILE|-", description = "Event JSON file, or - for stdin (default: {})")
  String event;

  @Override
  public Integer call() throws Exception {
    byte[] payload = readEvent();
    options.announce(System.err);
    try (Emulator emulator = options.start(LogSink.printTo(System.err, false))) {
      InvokeResult result = emulator.invoke(function, payload);
      System.out.write(result.payload());
      System.out.println();
      System.out.flush();
      result.awaitLog();
      return result.failed() ? 1 : 0;
    }
  }

  private byte[] readEvent() throws IOException {
    if (event == null) {
      return "{}".getBytes();
    }
    if (event.equals("-")) {
      return System.in.readAllBytes();
    }
    Path file = Path.of(event);
    if (!Files.isRegularFile(file)) {
      throw new UserFacingException("event file not found: " + file.toAbsolutePath());
    }
    return Files.readAllBytes(file);
  }
}
