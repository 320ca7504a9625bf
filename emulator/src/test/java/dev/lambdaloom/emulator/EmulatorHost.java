package dev.lambdaloom.emulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdaloom.emulator.template.SamTemplate;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A JVM of its own that runs an emulator, warms the {@code Fixture} function, prints its container's pid and then
 * leaves a long call running in it: what {@link ContainerReaperTest} kills. Arguments: the template, and the file the
 * fixture writes once the long call has started.
 */
public final class EmulatorHost {
  private EmulatorHost() {}

  public static void main(String[] args) throws Exception {
    Emulator emulator = Emulator.start(SamTemplate.load(Path.of(args[0])), EmulatorSettings.defaults(),
        LogSink.discard());
    InvokeResult warm = emulator.invoke("Fixture", "{\"mode\":\"echo\"}".getBytes(StandardCharsets.UTF_8));
    System.out.println("pid " + new ObjectMapper().readTree(warm.payload()).get("pid").asLong());
    System.out.flush();
    emulator.invoke("Fixture", ("{\"mode\":\"sleep\",\"millis\":120000,\"startedFile\":\"" + args[1] + "\"}")
        .getBytes(StandardCharsets.UTF_8));
  }
}
