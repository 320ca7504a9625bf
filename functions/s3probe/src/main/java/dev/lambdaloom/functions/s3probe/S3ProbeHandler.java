package dev.lambdaloom.functions.s3probe;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.lambdaloom.core.Deadline;
import dev.lambdaloom.snapstart.RestorableCredentials;
import dev.lambdaloom.snapstart.SnapStartHooks;
import java.time.Duration;
import java.util.Map;

/**
 * The probe as a Lambda function. Event {@code {bucket, prefix, find, mode, concurrency, client, requestTimeoutMs,
 * maxObjects}} (see {@link ProbeRequest}); response {@code {objects, read, bytes, matches, elapsedMs, listMs, readMs,
 * perObject: {p50, p99, max}, client, concurrency, failed: {count, byError, examples}, notRead, stoppedBy}}.
 *
 * <p>Invalid settings fail the invocation before any request; so does a listing that cannot complete (missing
 * bucket, access denied), with the SDK's exception as the cause. A GET that fails is counted, not thrown. The run
 * stops starting GETs and cuts those in flight before Lambda's timeout, and says what it did not read.
 */
public final class S3ProbeHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
  /** Built in the init phase: the clients this package carries, warmed up (see {@link ProbeClients#warmUp()}). */
  private static final class Container {
    static final Map<String, String> ENVIRONMENT = System.getenv();
    static final RestorableCredentials CREDENTIALS = RestorableCredentials.fromEnvironment();
    static final ProbeClients CLIENTS = ProbeClients.fromEnvironment(ENVIRONMENT, CREDENTIALS);
    static final SnapStartHooks HOOKS;

    static {
      CLIENTS.warmUp();
      HOOKS = snapStart(ENVIRONMENT, CLIENTS, CREDENTIALS);
    }
  }

  /**
   * PRIME_ON_INIT and SnapStart: prime ({@link S3ProbePriming}) at init when asked and before the snapshot, then close
   * the clients (the asynchronous ones hold event loop threads, native state and connection pools); after a restore,
   * credentials read anew and the clients built again, as at init.
   */
  static SnapStartHooks snapStart(Map<String, String> environment, ProbeClients clients,
      RestorableCredentials credentials) {
    return SnapStartHooks.install("s3probe", environment, new S3ProbePriming(environment)::prime, clients::release,
        () -> {
          credentials.reload();
          clients.warmUp();
        });
  }

  private final ProbeClients clients;
  private final Map<String, String> environment;

  public S3ProbeHandler() {
    this(Container.CLIENTS, Container.ENVIRONMENT);
  }

  S3ProbeHandler(ProbeClients clients, Map<String, String> environment) {
    this.clients = clients;
    this.environment = Map.copyOf(environment);
  }

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    ProbeRequest request = ProbeRequest.from(event, environment); // nothing is sent before this succeeds
    RunLimits limits = RunLimits.before(Deadline.fromContext(context, Duration.ZERO), request);
    context.getLogger().log("s3probe: " + request.describe() + "\n");
    ProbeResult result;
    try {
      result = new S3Probe(clients).run(request, limits);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    context.getLogger().log("s3probe: " + result.summary() + "\n");
    return result.toJson();
  }
}
