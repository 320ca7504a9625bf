package dev.lambdaloom.services.iot;

import java.util.Objects;

/** One document of the IoT API: {@code GET /devices/{device}/readings/{seq}}. */
public record ReadingId(String device, long seq) {
  public ReadingId {
    Objects.requireNonNull(device, "device");
    if (device.isEmpty() || device.indexOf('/') >= 0) {
      throw new IllegalArgumentException("a device id is a non-empty string without '/': " + device);
    }
    if (seq < 0) {
      throw new IllegalArgumentException("seq must be non-negative: " + seq);
    }
  }

  @Override
  public String toString() {
    return device + "/" + seq;
  }
}
