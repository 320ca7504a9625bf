package dev.lambdaloom.services.iot;

import java.util.Map;
import java.util.SplittableRandom;

/**
 * Decides, from the seed alone, what each reading does: its fault (if any) and for how many
 * attempts, whether its document is malformed and how, and each attempt's latency. Every decision
 * draws from its own stream in a fixed order, so one reading's fate does not depend on any other's.
 */
final class Planner {
  private final IotApiSimulator.Options options;
  private final double malformedWeightTotal;

  Planner(IotApiSimulator.Options options) {
    this.options = options;
    this.malformedWeightTotal = options.malformedMix().values().stream().mapToDouble(Double::doubleValue).sum();
  }

  Plan plan(ReadingId id) {
    SplittableRandom random = new SplittableRandom(Seeds.of(options.seed(), id, Seeds.PLAN));
    double faultDraw = random.nextDouble();
    double foreverDraw = random.nextDouble();
    double malformedDraw = random.nextDouble();
    double kindDraw = random.nextDouble();

    Fault fault = fault(faultDraw);
    int failing = fault == null ? 0
        : foreverDraw < options.permanentFaultShare() ? Expectation.FOREVER : options.failingAttempts();
    Malformation malformation = malformedDraw < options.malformedRate() ? malformation(kindDraw) : null;
    return new Plan(id, fault, failing, malformation);
  }

  Expectation expect(ReadingId id) {
    Plan plan = plan(id);
    Document document = plan.malformation() != null
        ? new Document.Malformed(plan.malformation())
        : new Document.Valid(options.valuesPerDocument(),
            Readings.generate(options.seed(), id, options.valuesPerDocument()).sum());
    return new Expectation(id, plan.fault(), plan.failingAttempts(), document);
  }

  /** Milliseconds to wait before answering this attempt: the fixed latency plus seeded jitter. */
  long delayMillis(ReadingId id, int attempt) {
    long jitter = options.jitter().toMillis();
    long extra = jitter == 0 ? 0
        : new SplittableRandom(Seeds.of(options.seed(), id, Seeds.LATENCY) + attempt).nextLong(jitter + 1);
    return options.latency().toMillis() + extra;
  }

  /** The fault whose band of [0, 1) holds the draw (bands in enum order); null past the rates. */
  private Fault fault(double draw) {
    double cumulative = 0;
    for (Map.Entry<Fault, Double> rate : options.faultRates().entrySet()) {
      cumulative += rate.getValue();
      if (draw < cumulative) {
        return rate.getKey();
      }
    }
    return null;
  }

  /** The malformation whose share of the mix holds the draw (a fraction of the whole mix). */
  private Malformation malformation(double draw) {
    double target = draw * malformedWeightTotal;
    double cumulative = 0;
    Malformation last = null;
    for (Map.Entry<Malformation, Double> weight : options.malformedMix().entrySet()) {
      if (weight.getValue() > 0) {
        cumulative += weight.getValue();
        last = weight.getKey();
        if (target < cumulative) {
          return last;
        }
      }
    }
    return last; // rounding put the target at the very end
  }
}
