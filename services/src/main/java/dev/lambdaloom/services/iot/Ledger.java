package dev.lambdaloom.services.iot;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the simulator served, exactly, as of one moment: per reading and in total. A fault is booked
 * as it is sent; a document just before its last bytes are written (and taken back if that write
 * fails), so a client that holds a whole response finds it here. Readings count once each in the
 * totals of documents, values and sums, however often they were fetched; {@code requests} and the
 * fault counts count every attempt.
 *
 * @param requests reading requests answered or being answered, every attempt counted
 * @param documentsRequested distinct readings requested
 * @param validDocuments distinct readings served a valid document at least once
 * @param validServed valid documents served, repeats counted
 * @param malformedByKind distinct readings served a malformed document, by kind
 * @param faultsByKind faults served, every attempt counted
 * @param totalValues the values of the valid documents, each reading once
 * @param totalSum the sum of those values
 * @param entries per reading, in the order of their first request
 */
public record Ledger(long requests, int documentsRequested, int validDocuments, long validServed,
    Map<Malformation, Integer> malformedByKind, Map<Fault, Long> faultsByKind, long totalValues, long totalSum,
    Map<ReadingId, Entry> entries) {

  /**
   * One reading's history.
   *
   * @param attempts requests for it
   * @param faults the faults served to it, by kind
   * @param documentsServed documents served to it (after its faults), valid or malformed
   * @param document the document it was served; null while only faults were served
   */
  public record Entry(int attempts, Map<Fault, Integer> faults, int documentsServed, Document document) {
    public Entry {
      faults = Collections.unmodifiableMap(faults.isEmpty() ? new EnumMap<>(Fault.class) : new EnumMap<>(faults));
    }

    public int faultCount() {
      return faults.values().stream().mapToInt(Integer::intValue).sum();
    }
  }

  public Ledger {
    malformedByKind = Collections.unmodifiableMap(copy(malformedByKind, Malformation.class));
    faultsByKind = Collections.unmodifiableMap(copy(faultsByKind, Fault.class));
    entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
  }

  /** Builds the totals from the entries. */
  static Ledger of(Map<ReadingId, Entry> entries) {
    long requests = 0;
    int valid = 0;
    long validServed = 0;
    long values = 0;
    long sum = 0;
    Map<Malformation, Integer> malformed = new EnumMap<>(Malformation.class);
    Map<Fault, Long> faults = new EnumMap<>(Fault.class);
    for (Entry entry : entries.values()) {
      requests += entry.attempts();
      entry.faults().forEach((kind, count) -> faults.merge(kind, (long) count, Long::sum));
      switch (entry.document()) {
        case Document.Valid v -> {
          valid++;
          validServed += entry.documentsServed();
          values += v.valueCount();
          sum += v.valueSum();
        }
        case Document.Malformed m -> malformed.merge(m.kind(), 1, Integer::sum);
        case null -> { }
      }
    }
    return new Ledger(requests, entries.size(), valid, validServed, malformed, faults, values, sum, entries);
  }

  /** The entry of one reading; null if it was never requested. */
  public Entry entry(String device, long seq) {
    return entries.get(new ReadingId(device, seq));
  }

  /** Faults of all kinds served. */
  public long faults() {
    return faultsByKind.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Distinct readings served a malformed document. */
  public int malformedDocuments() {
    return malformedByKind.values().stream().mapToInt(Integer::intValue).sum();
  }

  private static <K extends Enum<K>, V> EnumMap<K, V> copy(Map<K, V> map, Class<K> type) {
    EnumMap<K, V> copy = new EnumMap<>(type);
    copy.putAll(map);
    return copy;
  }
}
