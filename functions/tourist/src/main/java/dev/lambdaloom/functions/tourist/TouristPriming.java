package dev.lambdaloom.functions.tourist;

import dev.lambdaloom.functions.tourist.adapter.http.TouristApi;
import dev.lambdaloom.functions.tourist.adapter.jdbc.SingleConnection;

/**
 * Loads the tourist API's request path before the first request, changing nothing: with the database reachable, the
 * whole of {@link TouristApi#prime()} (a read by id and a one-item list on the connection, which it opens); without
 * it, the part that needs none ({@link TouristApi#primeWithoutStore()}). One connection attempt, bounded by the
 * connect timeout; nothing else leaves the container.
 */
final class TouristPriming {
  private final SingleConnection database;
  private final TouristApi api;

  TouristPriming(SingleConnection database, TouristApi api) {
    this.database = database;
    this.api = api;
  }

  void prime() {
    if (database.tryOpen()) {
      api.prime();
    } else {
      api.primeWithoutStore();
    }
  }
}
