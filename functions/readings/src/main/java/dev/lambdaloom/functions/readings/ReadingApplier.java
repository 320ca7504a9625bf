package dev.lambdaloom.functions.readings;

import dev.lambdaloom.core.batch.RecordHandler;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Applies one record to its device's aggregate, or fails it when it is no reading. One per invocation; thread-safe
 * (the counters are atomic, the table's client is).
 */
final class ReadingApplier implements RecordHandler<DeliveredReading> {
  private final DeviceTable devices;
  private final AtomicInteger applied = new AtomicInteger();
  private final AtomicInteger alreadyApplied = new AtomicInteger();

  ReadingApplier(DeviceTable devices) {
    this.devices = devices;
  }

  @Override
  public void apply(DeliveredReading record) throws MalformedReadingException {
    switch (record) {
      case DeliveredReading.Malformed malformed -> throw new MalformedReadingException(malformed.reason());
      case DeliveredReading.DeviceReading reading -> {
        switch (devices.apply(reading)) {
          case AggregateUpdate.Applied a -> applied.incrementAndGet();
          case AggregateUpdate.AlreadyApplied a -> alreadyApplied.incrementAndGet();
        }
      }
    }
  }

  String summary() {
    return applied.get() + " readings added to their device, " + alreadyApplied.get() + " already counted";
  }
}
