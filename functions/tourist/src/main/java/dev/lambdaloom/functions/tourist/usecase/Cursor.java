package dev.lambdaloom.functions.tourist.usecase;

import dev.lambdaloom.functions.tourist.domain.Tourist;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A position in the list of tourists, ordered by (createdAt, id): the keyset of the last item a
 * page returned; stable under inserts and deletes, unlike an offset. What clients hold is an
 * opaque, signed token of it (the HTTP adapter's {@code CursorTokens}).
 */
public record Cursor(Instant createdAt, UUID id) {
  public Cursor {
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(id, "id");
  }

  public static Cursor after(Tourist last) {
    return new Cursor(last.createdAt(), last.id());
  }
}
