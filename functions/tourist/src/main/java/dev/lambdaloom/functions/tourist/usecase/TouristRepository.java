package dev.lambdaloom.functions.tourist.usecase;

import dev.lambdaloom.functions.tourist.domain.Tourist;
import dev.lambdaloom.functions.tourist.domain.TouristDetails;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Where tourists are kept: the use cases' port, implemented by the JDBC adapter. Every method may
 * throw {@link StoreUnavailableException} when the store cannot be reached.
 */
public interface TouristRepository {
  /** Stores a new tourist at version 1; throws {@link DuplicateEmailException} when the email is taken. */
  Tourist insert(UUID id, TouristDetails details);

  Optional<Tourist> find(UUID id);

  /** Up to {@code limit} tourists after {@code after} (null: from the start), in {@link Cursor} order. */
  List<Tourist> listAfter(Cursor after, int limit);

  /**
   * Replaces the details and bumps the version, if the tourist exists and, when {@code expectedVersion}
   * is not null, is at that version. Empty otherwise. Throws {@link DuplicateEmailException}.
   */
  Optional<Tourist> update(UUID id, Long expectedVersion, TouristDetails details);

  /** True when it existed. */
  boolean delete(UUID id);
}
