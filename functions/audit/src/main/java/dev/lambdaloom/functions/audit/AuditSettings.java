package dev.lambdaloom.functions.audit;

import dev.lambdaloom.core.InvalidSettingException;
import dev.lambdaloom.core.Settings;
import java.util.Map;

/**
 * Where the function writes, from its environment: {@code AUDIT_TABLE} (the audit table's name) and
 * {@code ARCHIVE_BUCKET} (the bucket removed items are archived to). Both are required; a missing one fails the
 * invocation before any record is touched, so Lambda delivers the batch again once the configuration is fixed.
 */
record AuditSettings(String auditTable, String archiveBucket) {
  static AuditSettings from(Map<String, String> environment) {
    Settings settings = Settings.of(null, environment);
    return new AuditSettings(required(settings, "AUDIT_TABLE", "the audit table's name"),
        required(settings, "ARCHIVE_BUCKET", "the bucket removed items are archived to"));
  }

  private static String required(Settings settings, String variable, String what) {
    String value = settings.text(variable, variable, null);
    if (value == null) throw new InvalidSettingException(variable, variable + " is not set: it must be " + what);
    return value;
  }
}
