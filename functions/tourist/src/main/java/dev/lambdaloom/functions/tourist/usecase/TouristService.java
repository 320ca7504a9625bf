package dev.lambdaloom.functions.tourist.usecase;

import dev.lambdaloom.functions.tourist.domain.Tourist;
import dev.lambdaloom.functions.tourist.domain.TouristDetails;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** The tourist use cases: register, look up, list, change and remove, over a {@link TouristRepository}. */
public final class TouristService {
  public static final int DEFAULT_PAGE_SIZE = 20;
  public static final int MAX_PAGE_SIZE = 100;

  private final TouristRepository repository;

  public TouristService(TouristRepository repository) {
    this.repository = Objects.requireNonNull(repository, "repository");
  }

  public Tourist register(TouristDetails details) {
    return repository.insert(UUID.randomUUID(), details);
  }

  public Tourist find(UUID id) {
    return repository.find(id).orElseThrow(() -> new TouristNotFoundException(id));
  }

  /** A page of at most {@code limit} (1..{@value #MAX_PAGE_SIZE}) tourists after {@code after} (null: first page). */
  public Page list(int limit, Cursor after) {
    if (limit < 1 || limit > MAX_PAGE_SIZE) {
      throw new IllegalArgumentException("limit must be 1.." + MAX_PAGE_SIZE + ": " + limit);
    }
    // One more than asked tells whether a next page exists without a count query.
    List<Tourist> rows = repository.listAfter(after, limit + 1);
    if (rows.size() <= limit) {
      return new Page(rows, null);
    }
    List<Tourist> items = rows.subList(0, limit);
    return new Page(items, Cursor.after(items.getLast()));
  }

  /**
   * Replaces a tourist's details.
   *
   * @param expectedVersion the version the client read (If-Match), or null for any (If-Match: *)
   * @throws TouristNotFoundException when there is no such tourist
   * @throws VersionConflictException when it is at another version
   */
  public Tourist update(UUID id, Long expectedVersion, TouristDetails details) {
    return repository.update(id, expectedVersion, details).orElseThrow(() -> {
      Tourist current = find(id);
      return new VersionConflictException(expectedVersion, current.version());
    });
  }

  public void remove(UUID id) {
    if (!repository.delete(id)) {
      throw new TouristNotFoundException(id);
    }
  }
}
