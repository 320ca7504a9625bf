package dev.lambdaloom.functions.tourist.usecase;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** Tourist ids: random UUIDs, accepted only in their canonical 36-character form. */
public final class Ids {
  // UUID.fromString also takes "1-2-3-4-5"; an id in a URL has one spelling only.
  private static final Pattern CANONICAL =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private Ids() {}

  public static Optional<UUID> parse(String text) {
    return text != null && CANONICAL.matcher(text).matches() ? Optional.of(UUID.fromString(text)) : Optional.empty();
  }
}
