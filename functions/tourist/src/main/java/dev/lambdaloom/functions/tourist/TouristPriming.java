package dev.lambdaloom.functions.tourist;

import dev.lambdaloom.functions.tourist.adapter.http.TouristApi;
import dev.lambdaloom.functions.tourist.adapter.jdbc.ConnectionOpening;
import dev.lambdaloom.functions.tourist.adapter.jdbc.SingleConnection;

/**
 * Loads the tourist API's request path before the first request, changing nothing: the part that needs no database
 * ({@link TouristApi#primeWithoutStore()}) while the connection opens on a thread of its own, then, with the database
 * reachable, the part that reads ({@link TouristApi#primeStore()}: a read by id and a one-item list). One connection
 * attempt, bounded by the connect timeout; nothing else leaves the container. Used at init and before a snapshot.
 */
final class TouristPriming {
  private final SingleConnection database;
  private final TouristApi api;

  TouristPriming(SingleConnection database, TouristApi api) {
    this.database = database;
    this.api = api;
  }

  /** Opens the connection, and primes while it opens (before a SnapStart snapshot). */
  void prime() {
    prime(database.openInBackground());
  }

  /**
   * Primes while {@code opening} runs, then joins it. The login is mostly waiting on the server; the priming that
   * needs no database (Jackson's and the JDK's class initialisers, the cursor's HMAC) runs meanwhile.
   */
  void prime(ConnectionOpening opening) {
    try {
      api.primeWithoutStore();
    } catch (RuntimeException | Error e) {
      opening.join(); // the priming's failure is the one to report; the thread still ends before init does
      throw e;
    }
    if (opening.await()) {
      api.primeStore();
    }
  }
}
