package dev.lambdaloom.functions.scavenger;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one invocation did. {@code scanned} completed items were read; each was {@code matched} (expired),
 * {@code kept} (not yet expired) or {@code skipped} (malformed). Each match was {@code deleted}, found changed since
 * the scan ({@code conditionFailed}), {@code failed} for good, or {@code deferred} to the next invocation. A null
 * {@code resume} means the table is done; otherwise {@code ending} says whether time ran out or throttling put work
 * off.
 */
record ScavengeResult(long scanned, long matched, long kept, long skipped, long deleted, long conditionFailed,
    long failed, long deferred, long throttled, long scanRequests, long deleteRequests, boolean dryRun,
    DeleteMode deleteMode, Duration took, Ending ending, Resume resume, List<String> problems) {

  ScavengeResult {
    problems = List.copyOf(problems);
    if ((ending == Ending.COMPLETED) != (resume == null)) {
      throw new IllegalArgumentException("a run is completed exactly when it leaves no resume: " + ending);
    }
  }

  boolean done() {
    return resume == null;
  }

  /** The response document: plain maps, lists, numbers and strings, for any JSON serializer. */
  Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("scanned", scanned);
    json.put("matched", matched);
    json.put("deleted", deleted);
    json.put("conditionFailed", conditionFailed);
    json.put("skipped", skipped);
    json.put("failed", failed);
    json.put("resume", resume == null ? null : resume.toJson());
    json.put("done", done());
    json.put("kept", kept);
    json.put("deferred", deferred);
    json.put("throttled", throttled);
    json.put("requests", Map.of("scan", scanRequests, "delete", deleteRequests));
    json.put("deleteMode", deleteMode.label());
    json.put("dryRun", dryRun);
    json.put("stoppedBy", ending.label());
    json.put("tookMs", took.toMillis());
    json.put("problems", problems);
    return json;
  }

  String summary() {
    return String.format(Locale.ROOT,
        "scanned %d, matched %d, deleted %d, conditionFailed %d, skipped %d, failed %d, deferred %d, throttled %d, "
            + "requests %d scan + %d delete, %d ms, %s",
        scanned, matched, deleted, conditionFailed, skipped, failed, deferred, throttled, scanRequests,
        deleteRequests, took.toMillis(),
        done() ? "done" : "resume " + resume.segments().size() + " of " + resume.totalSegments() + " segments");
  }
}
