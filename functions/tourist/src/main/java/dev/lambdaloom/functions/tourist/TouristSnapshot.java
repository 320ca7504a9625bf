package dev.lambdaloom.functions.tourist;

import dev.lambdaloom.functions.tourist.adapter.http.TouristApi;
import dev.lambdaloom.functions.tourist.adapter.jdbc.SingleConnection;
import dev.lambdaloom.snapstart.SnapStartHooks;
import java.util.Map;

/**
 * What the tourist function does around a SnapStart snapshot. Before it: prime ({@link TouristPriming}), then close
 * the database connection (a socket in a snapshot is dead in every restored container, and the server would see one
 * session shared by all). After a restore: a cursor key of the container's own (CURSOR_KEY not set) is made again,
 * else every restored container would sign with the snapshot's, and the connection is opened, as at init.
 */
final class TouristSnapshot {
  private TouristSnapshot() {}

  static SnapStartHooks install(Map<String, String> environment, SingleConnection database, TouristApi api) {
    return SnapStartHooks.install("tourist", environment, new TouristPriming(database, api)::prime, database::close,
        () -> {
          api.renewOwnKey();
          database.tryOpen(); // when the database is down, the first request tries again and answers 503 if it must
        });
  }
}
