package dev.lambdaloom.functions.ingest;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The document ids one run fetches, in order: ranges of numbers and listed ids. A range is never
 * materialized, so a run of ten million ids costs nothing until it is fetched, and what is left of
 * it after a stop can be written back as compactly as it came in (a resume token).
 */
final class IdSource implements Iterable<String> {
  /** A piece of the source: {@code [from, to)} or one listed id. */
  sealed interface Part {
    long size();
  }

  record Range(long from, long to) implements Part {
    Range {
      if (from < 0 || to < from) {
        throw new IllegalArgumentException("bad id range [" + from + ", " + to + ")");
      }
    }

    @Override
    public long size() {
      return to - from;
    }
  }

  record Listed(String id) implements Part {
    @Override
    public long size() {
      return 1;
    }
  }

  private final List<Part> parts;

  IdSource(List<? extends Part> parts) {
    this.parts = List.copyOf(parts);
  }

  List<Part> parts() {
    return parts;
  }

  long size() {
    long total = 0;
    for (Part part : parts) {
      total += part.size();
    }
    return total;
  }

  boolean isEmpty() {
    return size() == 0;
  }

  @Override
  public Cursor iterator() {
    return new Cursor();
  }

  /** Iterates the ids and can say, at any point, what is left, in the source's own compact form. */
  final class Cursor implements Iterator<String> {
    private int part;
    private long next; // the next number of the current range

    private Cursor() {
      skipEmpty();
    }

    @Override
    public boolean hasNext() {
      return part < parts.size();
    }

    @Override
    public String next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      String id;
      switch (parts.get(part)) {
        case Range range -> {
          id = Long.toString(next++);
          if (next >= range.to()) {
            part++;
            skipEmpty();
          }
        }
        case Listed listed -> {
          id = listed.id();
          part++;
          skipEmpty();
        }
      }
      return id;
    }

    private void skipEmpty() {
      while (part < parts.size()) {
        if (parts.get(part) instanceof Range range) {
          if (next < range.from()) {
            next = range.from();
          }
          if (next < range.to()) {
            return;
          }
          part++;
          next = 0;
        } else {
          return;
        }
      }
    }

    /** The ids not handed out yet. */
    List<Part> remaining() {
      List<Part> left = new ArrayList<>();
      for (int i = part; i < parts.size(); i++) {
        Part p = parts.get(i);
        left.add(i == part && p instanceof Range range ? new Range(next, range.to()) : p);
      }
      return left;
    }
  }

  /**
   * Ids given back one by one (e.g. cancelled in flight), folded into ranges where they are
   * consecutive numbers so the token stays small.
   */
  static List<Part> compact(List<String> ids) {
    List<Part> out = new ArrayList<>();
    List<Long> numbers = new ArrayList<>();
    for (String id : ids) {
      if (isCanonicalNumber(id)) {
        numbers.add(Long.parseLong(id));
      } else {
        out.add(new Listed(id));
      }
    }
    numbers.sort(Long::compare);
    int i = 0;
    while (i < numbers.size()) {
      long from = numbers.get(i);
      long to = from + 1;
      while (++i < numbers.size() && numbers.get(i) <= to) {
        to = Math.max(to, numbers.get(i) + 1);
      }
      out.add(new Range(from, to));
    }
    return out;
  }

  private static boolean isCanonicalNumber(String id) {
    if (id.isEmpty() || id.length() > 18 || (id.length() > 1 && id.charAt(0) == '0')) {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      if (id.charAt(i) < '0' || id.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }
}
