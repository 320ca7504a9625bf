package dev.lambdaloom.services.iot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** The ledger as served at {@code GET /_ledger}: the same fields as {@link Ledger}, enum names as keys. */
final class LedgerJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private LedgerJson() {}

  static byte[] render(Ledger ledger, boolean withEntries) {
    ObjectNode root = JSON.createObjectNode();
    root.put("requests", ledger.requests());
    root.put("documentsRequested", ledger.documentsRequested());
    root.put("validDocuments", ledger.validDocuments());
    root.put("validServed", ledger.validServed());
    root.set("malformedByKind", counts(ledger.malformedByKind()));
    root.set("faultsByKind", counts(ledger.faultsByKind()));
    root.put("totalValues", ledger.totalValues());
    root.put("totalSum", ledger.totalSum());
    if (withEntries) {
      ArrayNode entries = root.putArray("entries");
      ledger.entries().forEach((id, entry) -> {
        ObjectNode node = entries.addObject();
        node.put("device", id.device());
        node.put("seq", id.seq());
        node.put("attempts", entry.attempts());
        node.set("faults", counts(entry.faults()));
        node.put("documentsServed", entry.documentsServed());
        switch (entry.document()) {
          case Document.Valid valid -> node.putObject("document")
              .put("kind", "VALID").put("valueCount", valid.valueCount()).put("valueSum", valid.valueSum());
          case Document.Malformed malformed -> node.putObject("document")
              .put("kind", "MALFORMED").put("malformation", malformed.kind().name());
          case null -> node.putNull("document");
        }
      });
    }
    try {
      return JSON.writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode counts(Map<? extends Enum<?>, ? extends Number> counts) {
    ObjectNode node = JSON.createObjectNode();
    counts.forEach((kind, count) -> node.put(kind.name(), count.longValue()));
    return node;
  }
}
