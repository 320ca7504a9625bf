package dev.lambdaloom.functions.scavenger;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.lambdaloom.core.Deadline;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Deletes expired, completed worker records, and stops in time: before Lambda's timeout it stops scanning, drains
 * the deletes in flight and returns {@code {scanned, matched, deleted, conditionFailed, skipped, failed, resume,
 * ...}}. Invoked again with that {@code resume} in its event, it goes on where it stopped; a null {@code resume}
 * means done. Settings: see {@link ScavengeSettings}.
 */
public final class ScavengerHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
  /** Built once per container. */
  private static final DynamoDbClient DYNAMODB = ScavengerClient.create();

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    ScavengeSettings settings = ScavengeSettings.from(event, System.getenv());
    Object resumeJson = event == null ? null : event.get("resume");
    Resume resume = resumeJson == null ? Resume.fromStart(settings.totalSegments()) : Resume.fromJson(resumeJson);
    InvocationDeadlines deadlines = InvocationDeadlines.of(context);
    context.getLogger().log("scavenger: " + settings.describe() + ", " + resume.segments().size()
        + " segments to go, " + deadlines + "\n");
    ScavengeResult result;
    try {
      result = new Scavenger(DYNAMODB, Clock.systemUTC())
          .run(settings, resume, deadlines.stopScanningAt(), deadlines.finishBy());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    context.getLogger().log("scavenger: " + result.summary() + "\n");
    return result.toJson();
  }

  /**
   * When to stop reading and when everything must be over, from the time Lambda gives this invocation: a fifth of
   * it (1 to 30 s) is kept back to drain the deletes in flight, a twentieth (0.5 to 5 s) to answer.
   */
  record InvocationDeadlines(Deadline stopScanningAt, Deadline finishBy, Duration drain, Duration answer) {
    static InvocationDeadlines of(Context context) {
      Duration left = Duration.ofMillis(context.getRemainingTimeInMillis());
      Duration answer = clamp(left.dividedBy(20), Duration.ofMillis(500), Duration.ofSeconds(5));
      Duration drain = clamp(left.dividedBy(5), Duration.ofSeconds(1), Duration.ofSeconds(30));
      return new InvocationDeadlines(Deadline.fromContext(context, answer.plus(drain)),
          Deadline.fromContext(context, answer), drain, answer);
    }

    private static Duration clamp(Duration value, Duration min, Duration max) {
      return value.compareTo(min) < 0 ? min : value.compareTo(max) > 0 ? max : value;
    }

    @Override
    public String toString() {
      return "stop scanning in " + stopScanningAt.remaining().toMillis() + " ms, finish in "
          + finishBy.remaining().toMillis() + " ms";
    }
  }
}
