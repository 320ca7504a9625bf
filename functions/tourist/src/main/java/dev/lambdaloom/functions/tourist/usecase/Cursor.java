package dev.lambdaloom.functions.tourist.usecase;

import dev.lambdaloom.functions.tourist.domain.Tourist;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * A position in the list of tourists, ordered by (createdAt, id): the keyset of the last item a
 * page returned. Opaque to clients (base64url); stable under inserts and deletes, unlike an offset.
 */
public record Cursor(Instant createdAt, UUID id) {
  public static Cursor after(Tourist last) {
    return new Cursor(last.createdAt(), last.id());
  }

  public String encode() {
    long micros = ChronoUnit.MICROS.between(Instant.EPOCH, createdAt);
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString((micros + "." + id).getBytes(StandardCharsets.US_ASCII));
  }

  /** Empty when the text is not a cursor this API handed out. */
  public static Optional<Cursor> decode(String text) {
    try {
      String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII);
      int dot = plain.indexOf('.');
      if (dot < 1 || plain.length() - dot - 1 != 36) {
        return Optional.empty();
      }
      long micros = Long.parseLong(plain, 0, dot, 10);
      UUID id = Ids.parse(plain.substring(dot + 1)).orElse(null);
      return id == null ? Optional.empty()
          : Optional.of(new Cursor(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), id));
    } catch (IllegalArgumentException | ArithmeticException | java.time.DateTimeException e) {
      return Optional.empty();
    }
  }
}
