package dev.lambdaloom.functions.scavenger;

import dev.lambdaloom.core.InvalidSettingException;
import dev.lambdaloom.core.Settings;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One invocation's input, read whole before anything is sent to DynamoDB: its settings and where the scan goes on.
 * Whatever cannot be read is an {@link InvalidSettingException} and the invocation does nothing at all.
 *
 * <p>Besides each value, two things are refused: an event key that is a setting's name spelled another way
 * ({@code dryrun}, {@code dry_run}, {@code DRY_RUN} in the event), which would otherwise be ignored and leave
 * {@code dryRun} false; and a {@code totalSegments} set to something else than the resume's, which cannot continue
 * that scan (without a setting, the resume's segmentation is kept).
 */
record ScavengeRequest(ScavengeSettings settings, Resume resume) {
  private static final List<String> EVENT_KEYS = List.of(ScavengeSettings.TABLE, ScavengeSettings.TOTAL_SEGMENTS,
      ScavengeSettings.DELETES_IN_FLIGHT, ScavengeSettings.MAX_AGE_HOURS, ScavengeSettings.DRY_RUN,
      ScavengeSettings.DELETE_MODE, ScavengeSettings.PAGE_SIZE, Resume.SETTING);

  static ScavengeRequest from(Map<String, ?> event, Map<String, String> environment) {
    Map<String, ?> given = event == null ? Map.of() : event;
    refuseMisspelledKeys(given);
    Settings source = Settings.of(given, environment);
    ScavengeSettings settings = ScavengeSettings.from(source);
    Object resumeJson = given.get(Resume.SETTING);
    if (resumeJson == null) {
      return new ScavengeRequest(settings, Resume.fromStart(settings.totalSegments()));
    }
    Resume resume = Resume.fromJson(resumeJson);
    if (resume.totalSegments() != settings.totalSegments()) {
      if (ScavengeSettings.segmentsChosen(source)) {
        throw new InvalidSettingException(ScavengeSettings.TOTAL_SEGMENTS, "totalSegments is " + settings.totalSegments()
            + " but the resume continues a scan of " + resume.totalSegments() + " segments: leave totalSegments unset"
            + " (or set it to " + resume.totalSegments() + ") to continue it, or leave resume out to start a new scan");
      }
      settings = settings.withTotalSegments(resume.totalSegments());
    }
    return new ScavengeRequest(settings, resume);
  }

  private static void refuseMisspelledKeys(Map<String, ?> event) {
    for (String key : event.keySet()) {
      for (String known : EVENT_KEYS) {
        if (!key.equals(known) && folded(key).equals(folded(known))) {
          throw new InvalidSettingException(key, "the event's '" + key + "' is not a setting; did you mean '" + known
              + "'? Settings are spelled exactly: " + String.join(", ", EVENT_KEYS));
        }
      }
    }
  }

  /** Lower case, letters and digits only: dry_run, DRY_RUN and dryrun all fold to dryrun. */
  private static String folded(String key) {
    return key.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
  }
}
