package dev.lambdaloom.functions.readings;

import dev.lambdaloom.readingformat.Reading;

/** One record of a delivered batch, parsed before anything is written. */
sealed interface DeliveredReading {
  /** What the partial batch response names it by: the sequence number as delivered. */
  String itemId();

  /** Records of one ordering key are applied in order, one at a time. */
  String orderingKey();

  /** A valid reading of {@code deviceId} (the record's partition key): applied in order with the device's others. */
  record DeviceReading(String deviceId, ShardSequence sequence, Reading reading) implements DeliveredReading {
    @Override
    public String itemId() {
      return sequence.digits();
    }

    @Override
    public String orderingKey() {
      return "device/" + deviceId;
    }
  }

  /**
   * A record that is no reading; applying it throws {@link MalformedReadingException} with {@code reason}. Its bytes
   * never change, so it would fail on every delivery: it has an ordering key of its own and never holds back its
   * device's later readings.
   */
  record Malformed(String itemId, String reason) implements DeliveredReading {
    @Override
    public String orderingKey() {
      return "malformed/" + itemId;
    }
  }
}
