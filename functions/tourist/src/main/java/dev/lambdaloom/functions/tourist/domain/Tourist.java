package dev.lambdaloom.functions.tourist.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A registered tourist, as stored.
 *
 * @param id assigned at registration, never changes
 * @param details what the tourist told us, validated
 * @param createdAt when it was registered (the database's clock, microseconds)
 * @param updatedAt when it last changed
 * @param version starts at 1, grows by one on every change: the ETag and the If-Match check
 */
public record Tourist(UUID id, TouristDetails details, Instant createdAt, Instant updatedAt, long version) {
  public Tourist {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(details, "details");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }
}
