package dev.lambdaloom.services.iot;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Renders a reading's document straight to bytes, valid or broken in the way its plan says. Every
 * choice inside a broken document (where to cut, which value to spoil) comes from the seed.
 */
final class DocumentRenderer {
  static final String JSON = "application/json";
  static final String HTML = "text/html; charset=utf-8";
  private static final DateTimeFormatter NOT_ISO = DateTimeFormatter.ofPattern("dd/MM/uuuu HH:mm");
  private static final String PROXY_PAGE = """
      <!DOCTYPE html>
      <html><head><title>Service Temporarily Unavailable</title></head>
      <body><h1>Service Temporarily Unavailable</h1>
      <p>The server is temporarily unable to service your request due to maintenance downtime or capacity
      problems. Please try again later.</p><hr><address>nginx</address></body></html>
      """;

  /** A response body, its content type, and what it counts as in the ledger. */
  record Rendered(byte[] body, String contentType, Document document) {}

  private final IotApiSimulator.Options options;

  DocumentRenderer(IotApiSimulator.Options options) {
    this.options = options;
  }

  Rendered render(Plan plan) {
    Readings.Reading reading = Readings.generate(options.seed(), plan.id(), options.valuesPerDocument());
    Malformation kind = plan.malformation();
    if (kind == null) {
      return new Rendered(document(reading, Shape.VALID), JSON,
          new Document.Valid(reading.values().length, reading.sum()));
    }
    return new Rendered(malformed(plan.id(), reading, kind), kind == Malformation.NOT_JSON ? HTML : JSON,
        new Document.Malformed(kind));
  }

  private byte[] malformed(ReadingId id, Readings.Reading reading, Malformation kind) {
    SplittableRandom random = new SplittableRandom(Seeds.of(options.seed(), id, Seeds.MALFORMATION));
    int index = random.nextInt(reading.values().length);
    return switch (kind) {
      case TRUNCATED_JSON -> {
        byte[] whole = document(reading, Shape.VALID);
        int cut = whole.length / 4 + random.nextInt(Math.max(1, whole.length / 2));
        yield Arrays.copyOf(whole, cut);
      }
      case NOT_JSON -> PROXY_PAGE.getBytes(StandardCharsets.UTF_8);
      case MISSING_DATETIME -> document(reading, Shape.NO_DATETIME);
      case MISSING_VALUES -> document(reading, Shape.NO_VALUES);
      case NULL_DATETIME -> document(reading, Shape.NULL_DATETIME);
      case NULL_VALUES -> document(reading, Shape.NULL_VALUES);
      case WRONG_TYPES -> switch (random.nextInt(3)) {
        case 0 -> document(reading, Shape.VALUES_AS_STRING);
        case 1 -> spoiledValue(reading, index, "\"" + reading.values()[index] + "\"");
        default -> document(reading, Shape.DATETIME_AS_NUMBER);
      };
      case VALUE_OUT_OF_INT64 -> spoiledValue(reading, index,
          BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.valueOf(1 + random.nextInt(1000))).toString());
      case FRACTIONAL_VALUE -> spoiledValue(reading, index, reading.values()[index] + "." + (1 + random.nextInt(9)));
      case DATETIME_NOT_ISO -> document(reading, Shape.DATETIME_NOT_ISO);
      case EXTRA_FIELD -> document(reading, Shape.EXTRA_FIELD);
      case EMPTY_VALUES -> document(reading, Shape.EMPTY_VALUES);
      case HUGE_DOCUMENT -> document(Readings.generate(options.seed(), id, options.hugeValues()), Shape.VALID);
    };
  }

  /** The document's layout: valid, or off in one way. */
  private enum Shape {
    VALID, NO_DATETIME, NO_VALUES, NULL_DATETIME, NULL_VALUES, VALUES_AS_STRING, DATETIME_AS_NUMBER,
    DATETIME_NOT_ISO, EXTRA_FIELD, EMPTY_VALUES
  }

  private static byte[] document(Readings.Reading reading, Shape shape) {
    return document(reading, shape, -1, null);
  }

  /** A valid layout with the value at {@code index} written as {@code text}. */
  private static byte[] spoiledValue(Readings.Reading reading, int index, String text) {
    return document(reading, Shape.VALID, index, text);
  }

  private static byte[] document(Readings.Reading reading, Shape shape, int spoiledIndex, String spoiledText) {
    long[] values = reading.values();
    JsonBytes out = new JsonBytes(values.length * 10 + 96);
    out.ascii("{");
    if (shape != Shape.NO_DATETIME) {
      out.ascii("\"datetime\": ");
      if (shape == Shape.NULL_DATETIME) {
        out.ascii("null");
      } else if (shape == Shape.DATETIME_AS_NUMBER) {
        out.digits(reading.time().toInstant(ZoneOffset.UTC).toEpochMilli());
      } else if (shape == Shape.DATETIME_NOT_ISO) {
        out.ascii("\"").ascii(NOT_ISO.format(reading.time())).ascii("\"");
      } else {
        out.ascii("\"").ascii(reading.isoTime()).ascii("\"");
      }
      if (shape != Shape.NO_VALUES) {
        out.ascii(", ");
      }
    }
    if (shape != Shape.NO_VALUES) {
      out.ascii("\"values\": ");
      if (shape == Shape.NULL_VALUES) {
        out.ascii("null");
      } else if (shape == Shape.EMPTY_VALUES) {
        out.ascii("[]");
      } else if (shape == Shape.VALUES_AS_STRING) {
        out.ascii("\"");
        for (int i = 0; i < values.length; i++) {
          if (i > 0) {
            out.ascii(",");
          }
          out.digits(values[i]);
        }
        out.ascii("\"");
      } else {
        out.ascii("[");
        for (int i = 0; i < values.length; i++) {
          if (i > 0) {
            out.ascii(", ");
          }
          if (i == spoiledIndex) {
            out.ascii(spoiledText);
          } else {
            out.digits(values[i]);
          }
        }
        out.ascii("]");
      }
    }
    if (shape == Shape.EXTRA_FIELD) {
      out.ascii(", \"firmware\": \"4.2.1\"");
    }
    return out.ascii("}").toByteArray();
  }
}
