package dev.lambdaloom.functions.tourist.usecase;

import dev.lambdaloom.functions.tourist.domain.Tourist;
import java.util.List;

/** One page of tourists; {@code next} is null on the last page. */
public record Page(List<Tourist> items, Cursor next) {
  public Page {
    items = List.copyOf(items);
  }
}
