package dev.lambdaloom.functions.tourist;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.lambdaloom.functions.tourist.adapter.http.HttpApiEvents;
import dev.lambdaloom.functions.tourist.adapter.http.TouristApi;
import dev.lambdaloom.functions.tourist.adapter.jdbc.ConnectionOpening;
import dev.lambdaloom.functions.tourist.adapter.jdbc.DatabaseSettings;
import dev.lambdaloom.functions.tourist.adapter.jdbc.JdbcTouristRepository;
import dev.lambdaloom.functions.tourist.adapter.jdbc.SecretsManagerSecretReader;
import dev.lambdaloom.functions.tourist.adapter.jdbc.SingleConnection;
import dev.lambdaloom.functions.tourist.usecase.TouristService;
import dev.lambdaloom.snapstart.SnapStartHooks;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The tourist API's Lambda entry point, behind an API Gateway HTTP API (payload 2.0). It only adapts:
 * bytes in, {@link TouristApi}, bytes out. A stream handler, so the runtime's own JSON mapping
 * (and its class loading at cold start) is skipped.
 *
 * <p>The database connection lives in the container's global state: opened during init (which
 * Lambda runs at full CPU, before the first event) and reused by every invocation. A setting it
 * cannot read (CURSOR_KEY that is not a key) fails the init: nothing is served with a key it made up.
 *
 * <p>SnapStart and PRIME_ON_INIT: see {@link TouristSnapshot}.
 */
public final class TouristHandler implements RequestStreamHandler {
  private static final SingleConnection DATABASE =
      // A lambda, not a method reference: the Secrets Manager client's classes load only when DB_SECRET_ARN is set.
      new SingleConnection(DatabaseSettings.fromEnvironment(System.getenv(),
          environment -> SecretsManagerSecretReader.fromEnvironment(environment), System.out));
  private static final TouristApi API;
  private static final SnapStartHooks HOOKS;

  static {
    // The login first, on a thread of its own: it is mostly waiting on the server, and the rest of init (the API's
    // cursor key, the priming that needs no database) runs meanwhile. See TouristPriming.
    ConnectionOpening opening = DATABASE.openInBackground();
    try {
      API = TouristApi.fromEnvironment(new TouristService(new JdbcTouristRepository(DATABASE)), System.getenv(),
          System.out);
    } catch (RuntimeException | Error e) { // a CURSOR_KEY that is no key: the init fails, once the login thread ended
      opening.join();
      throw e;
    }
    // When the database is down at init, the first request tries again.
    new TouristPriming(DATABASE, API).prime(opening);
    HOOKS = TouristSnapshot.install(System.getenv(), DATABASE, API);
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    HttpApiEvents.write(API.handle(input.readAllBytes()), output);
  }
}
