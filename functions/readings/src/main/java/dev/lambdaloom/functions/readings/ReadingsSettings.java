package dev.lambdaloom.functions.readings;

import dev.lambdaloom.core.InvalidSettingException;
import dev.lambdaloom.core.Settings;
import java.util.Map;

/**
 * Where the function writes, from its environment: {@code DEVICE_TABLE}, the per-device aggregates' table. Required;
 * without it the invocation fails before any record is touched, so Lambda delivers the batch again once fixed.
 */
record ReadingsSettings(String deviceTable) {
  static ReadingsSettings from(Map<String, String> environment) {
    String table = Settings.of(null, environment).text("DEVICE_TABLE", "DEVICE_TABLE", null);
    if (table == null) {
      throw new InvalidSettingException("DEVICE_TABLE", "DEVICE_TABLE is not set: it must be the device table's name");
    }
    return new ReadingsSettings(table);
  }
}
