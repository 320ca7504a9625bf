package dev.lambdaloom.bench.tourist;

import java.util.EnumMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/** How often each operation comes up, in percent; they add up to 100. */
public record RequestMix(int getById, int list, int create, int update) {
  /** Read-heavy, like most APIs: 70% reads by id, 10% lists, 10% creates, 10% updates. */
  public static final RequestMix READ_HEAVY = new RequestMix(70, 10, 10, 10);

  public RequestMix {
    if (getById < 0 || list < 0 || create < 0 || update < 0 || getById + list + create + update != 100) {
      throw new IllegalArgumentException("a mix is percentages adding up to 100");
    }
  }

  Operation pick(RandomGenerator random) {
    int n = random.nextInt(100);
    if (n < getById) {
      return Operation.GET_BY_ID;
    }
    if (n < getById + list) {
      return Operation.LIST;
    }
    return n < getById + list + create ? Operation.CREATE : Operation.UPDATE;
  }

  public Map<Operation, Integer> percentages() {
    Map<Operation, Integer> map = new EnumMap<>(Operation.class);
    map.put(Operation.GET_BY_ID, getById);
    map.put(Operation.LIST, list);
    map.put(Operation.CREATE, create);
    map.put(Operation.UPDATE, update);
    return map;
  }

  @Override
  public String toString() {
    return getById + "% get, " + list + "% list, " + create + "% create, " + update + "% update";
  }
}
