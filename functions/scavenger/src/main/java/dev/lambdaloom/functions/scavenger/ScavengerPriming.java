package dev.lambdaloom.functions.scavenger;

import dev.lambdaloom.core.Deadline;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * What the handler does around a run, once, sending nothing: the request read from an event and the environment,
 * the invocation's deadlines planned, the lines it logs. The run itself (scan, deletes, the unwinding at a deadline) is
 * primed at every init by {@link ColdPathWarmUp} against a socket of its own, so it is in a snapshot too.
 */
final class ScavengerPriming {
  private final Map<String, String> environment;
  private final CpuShare cpu;
  private final MeasuredCosts costs;

  ScavengerPriming(Map<String, String> environment, CpuShare cpu, MeasuredCosts costs) {
    this.environment = environment;
    this.cpu = cpu;
    this.costs = costs;
  }

  void prime() {
    Map<String, String> settings = new HashMap<>(environment);
    settings.putIfAbsent("TABLE_NAME", "Priming"); // the invocation, not priming, says what is missing
    ScavengeRequest request = ScavengeRequest.from(Map.of("dryRun", true), settings);
    InvocationDeadlines deadlines = InvocationDeadlines.plan(Deadline.after(Duration.ofMinutes(1)), cpu, costs);
    String.join(", ", request.settings().describe(), deadlines.toString(), cpu.toString(), costs.toString());
  }
}
