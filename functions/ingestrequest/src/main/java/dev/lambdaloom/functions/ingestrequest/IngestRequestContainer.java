package dev.lambdaloom.functions.ingestrequest;

import dev.lambdaloom.snapstart.RestorableCredentials;
import dev.lambdaloom.snapstart.SnapStartHooks;
import java.util.Map;

/**
 * What a container of either handler builds once, at init, when Lambda makes the handler: the starter, on credentials
 * re-read after a SnapStart restore, and the hooks. PRIME_ON_INIT and SnapStart: prime ({@link IngestRequestPriming})
 * at init when asked and before the snapshot; nothing to release (the clients have sent nothing); after a restore,
 * credentials read anew. Claims are timed by the clock at each call, never from init.
 */
final class IngestRequestContainer {
  /** Built when Lambda first makes a handler, not when a test merely calls {@link #snapStart}. */
  private static final class Built {
    static final RestorableCredentials CREDENTIALS = RestorableCredentials.fromEnvironment();
    static final IngestStarter STARTER = IngestStarter.fromEnvironment(CREDENTIALS);
    static final SnapStartHooks HOOKS = snapStart(System.getenv(), CREDENTIALS);
  }

  private IngestRequestContainer() {}

  static IngestStarter starter() {
    return Built.STARTER;
  }

  static SnapStartHooks snapStart(Map<String, String> environment, RestorableCredentials credentials) {
    return SnapStartHooks.install("ingestrequest", environment, new IngestRequestPriming(environment)::prime,
        SnapStartHooks.NOTHING, credentials::reload);
  }
}
