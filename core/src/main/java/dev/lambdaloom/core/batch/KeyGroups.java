package dev.lambdaloom.core.batch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A batch's records checked and grouped by key, on the calling thread before anything runs: every record's item id,
 * and per key the indices of its records in input order, keys in the order they first appear.
 */
record KeyGroups<R>(List<R> records, List<String> itemIds, List<int[]> groups) {
  static <R> KeyGroups<R> of(
      List<R> records, Function<? super R, String> keyOf, Function<? super R, String> itemIdOf) {
    List<R> copy = new ArrayList<>(records.size());
    List<String> itemIds = new ArrayList<>(records.size());
    Map<String, Integer> firstWithId = new HashMap<>();
    Map<String, List<Integer>> indicesByKey = new LinkedHashMap<>();
    int index = 0;
    for (R record : records) {
      if (record == null) throw new IllegalArgumentException("record " + index + " is null");
      String itemId = apply(itemIdOf, record, index, "item id");
      String key = apply(keyOf, record, index, "key");
      Integer earlier = firstWithId.putIfAbsent(itemId, index);
      if (earlier != null) {
        throw new IllegalArgumentException("records " + earlier + " and " + index + " have the same item id \"" + itemId
            + "\": a partial batch response names records by item id, so it must tell them apart");
      }
      copy.add(record);
      itemIds.add(itemId);
      indicesByKey.computeIfAbsent(key, k -> new ArrayList<>()).add(index);
      index++;
    }
    List<int[]> groups = new ArrayList<>(indicesByKey.size());
    for (List<Integer> indices : indicesByKey.values()) {
      groups.add(indices.stream().mapToInt(Integer::intValue).toArray());
    }
    return new KeyGroups<>(List.copyOf(copy), List.copyOf(itemIds), List.copyOf(groups));
  }

  /** The record's key or item id; null or a throwing function is bad input, named by the record's index. */
  private static <R> String apply(Function<? super R, String> function, R record, int index, String what) {
    String value;
    try {
      value = function.apply(record);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("record " + index + ": its " + what + " could not be read: " + e, e);
    }
    if (value == null) throw new IllegalArgumentException("record " + index + " has a null " + what);
    return value;
  }
}
