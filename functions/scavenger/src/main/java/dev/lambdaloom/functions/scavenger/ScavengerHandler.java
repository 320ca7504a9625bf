package dev.lambdaloom.functions.scavenger;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.lambdaloom.core.Deadline;
import dev.lambdaloom.core.RetryPolicy;
import dev.lambdaloom.snapstart.RestorableCredentials;
import dev.lambdaloom.snapstart.SnapStartHooks;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Deletes expired, completed worker records, and stops in time: before Lambda's timeout it stops scanning, drains
 * the deletes in flight and returns {@code {scanned, matched, deleted, conditionFailed, skipped, failed, resume,
 * stoppedBy, ...}}. Invoked again with that {@code resume} in its event, it goes on where it stopped; a null
 * {@code resume} ({@code done: true}) means done. Settings: see {@link ScavengeSettings}.
 *
 * <p>It fails (throws, so Lambda reports an error and a loop "until done" stops) when its settings or resume cannot be
 * read, before any request ({@code InvalidSettingException}), and when DynamoDB fails in a way another invocation
 * would meet again ({@link ScavengeFailedException}, the SDK's exception as its cause). Only the deadline and
 * throttling end an invocation with a resume.
 */
public final class ScavengerHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
  /** Built once per container, in the init phase: Lambda runs init at full speed, invocations at the CPU share. */
  private static final class Container {
    static final Map<String, String> ENVIRONMENT = System.getenv();
    static final RestorableCredentials CREDENTIALS = RestorableCredentials.fromEnvironment();
    static final DynamoDbClient DYNAMODB = ScavengerClient.create(CREDENTIALS);
    static final CpuShare CPU = CpuShare.of(ENVIRONMENT);
    static final MeasuredCosts COSTS = new MeasuredCosts(CPU);
    static final SnapStartHooks HOOKS;

    static {
      System.out.println("scavenger: " + ColdPathWarmUp.runInInit(ENVIRONMENT));
      HOOKS = snapStart(ENVIRONMENT, new ScavengerPriming(ENVIRONMENT, CPU, COSTS), CREDENTIALS);
    }
  }

  /**
   * PRIME_ON_INIT and SnapStart: prime ({@link ScavengerPriming}) at init when asked and before the snapshot; nothing
   * to release (the warm-up's client is closed, the container's has sent nothing); after a restore, credentials read
   * anew. The scavenger holds no randomness and no time from its init.
   */
  static SnapStartHooks snapStart(Map<String, String> environment, ScavengerPriming priming,
      RestorableCredentials credentials) {
    return SnapStartHooks.install("scavenger", environment, priming::prime, SnapStartHooks.NOTHING,
        credentials::reload);
  }

  private final DynamoDbClient dynamodb;
  private final Map<String, String> environment;
  private final CpuShare cpu;
  private final MeasuredCosts costs;
  private final RetryPolicy retries;

  public ScavengerHandler() {
    this(Container.DYNAMODB, Container.ENVIRONMENT, Container.CPU, Container.COSTS, Scavenger.RETRIES);
  }

  ScavengerHandler(DynamoDbClient dynamodb, Map<String, String> environment, CpuShare cpu, MeasuredCosts costs,
      RetryPolicy retries) {
    this.dynamodb = dynamodb;
    this.environment = Map.copyOf(environment);
    this.cpu = cpu;
    this.costs = costs;
    this.retries = retries;
  }

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    Deadline end = Deadline.fromContext(context, Duration.ZERO);
    ScavengeRequest request = ScavengeRequest.from(event, environment); // nothing is sent before this succeeds
    InvocationDeadlines deadlines = InvocationDeadlines.plan(end, cpu, costs);
    long finishBy = System.nanoTime() + deadlines.finishBy().remainingNanos();
    boolean timeToWindDown = !deadlines.finishBy().expired(); // else the whole run would count as winding down
    context.getLogger().log("scavenger: " + request.settings().describe() + ", " + request.resume().segments().size()
        + " segments to go, " + deadlines + "; " + cpu + ", costs so far: " + costs + "\n");
    ScavengeResult result;
    try {
      result = new Scavenger(dynamodb, Clock.systemUTC(), retries, costs, PageListener.NONE)
          .run(request.settings(), request.resume(), deadlines.stopScanningAt(), deadlines.finishBy());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    context.getLogger().log("scavenger: " + result.summary() + "\n");
    Map<String, Object> response = result.toJson();
    long pastFinish = System.nanoTime() - finishBy;
    if (timeToWindDown && pastFinish > 0) costs.windDown.record(Duration.ofNanos(pastFinish)); // for the next answer
    return response;
  }
}
