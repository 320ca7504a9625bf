package dev.lambdaloom.functions.s3probe;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run's figures. {@code notRead} objects were listed but neither read nor failed: the deadline stopped the run
 * before them ({@code stoppedBy} is then {@code deadline}).
 */
record ProbeResult(ProbeRequest request, int objects, long listedBytes, double listMs, double readMs,
    ProbeTally.Snapshot tally) {

  long notRead() {
    return objects - tally.read() - tally.failed();
  }

  String stoppedBy() {
    return notRead() > 0 ? "deadline" : "completed";
  }

  /** The response: what the article's probe returned, plus failures by name and what a deadline left. */
  Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("bucket", request.bucket());
    json.put("prefix", request.prefix());
    json.put("find", request.findText());
    json.put("mode", request.mode().label());
    json.put("client", request.client().label());
    json.put("concurrency", request.concurrency());
    json.put("objects", objects);
    json.put("read", tally.read());
    json.put("bytes", tally.bytes());
    json.put("matches", tally.matches());
    json.put("elapsedMs", round(listMs + readMs));
    json.put("listMs", round(listMs));
    json.put("readMs", round(readMs));
    json.put("perObject", Map.of("p50", round(tally.p50Ms()), "p99", round(tally.p99Ms()), "max", round(tally.maxMs())));
    List<Map<String, String>> examples = tally.examples().stream()
        .map(f -> Map.of("key", f.key(), "error", f.error(), "message", f.message())).toList();
    json.put("failed", Map.of("count", tally.failed(), "byError", tally.failuresByError(), "examples", examples));
    json.put("notRead", notRead());
    json.put("stoppedBy", stoppedBy());
    return json;
  }

  /** A one-line summary for the function's log. */
  String summary() {
    return String.format(java.util.Locale.ROOT, "%d objects, %d read, %d failed %s, %d not read, %,d bytes, %d matches,"
        + " list %.1f ms, read %.1f ms, per object p50 %.2f p99 %.2f max %.2f ms", objects, tally.read(),
        tally.failed(), tally.failuresByError(), notRead(), tally.bytes(), tally.matches(), listMs, readMs,
        tally.p50Ms(), tally.p99Ms(), tally.maxMs());
  }

  private static double round(double ms) {
    return Math.round(ms * 100) / 100.0;
  }
}
