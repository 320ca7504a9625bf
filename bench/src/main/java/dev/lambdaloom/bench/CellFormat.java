package dev.lambdaloom.bench;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.time.Duration;
import java.util.Locale;

/** Writes a table cell's value for people: thousands separators, 2 decimals, never scientific notation. */
final class CellFormat {

  private static final MathContext THREE_SIGNIFICANT_DIGITS = new MathContext(3);

  private CellFormat() {
  }

  static String format(Object value) {
    return switch (value) {
      case null -> "";
      case Double d -> decimal(d);
      case Float f -> decimal(f.doubleValue());
      case BigDecimal d -> decimal(d.doubleValue());
      case Long l -> String.format(Locale.ROOT, "%,d", l);
      case Integer i -> String.format(Locale.ROOT, "%,d", i);
      case Short s -> String.format(Locale.ROOT, "%,d", s);
      case Byte b -> String.format(Locale.ROOT, "%,d", b);
      case BigInteger i -> String.format(Locale.ROOT, "%,d", i);
      case Duration d -> decimal(d.toNanos() / 1e6) + " ms";
      default -> value.toString();
    };
  }

  static boolean isNumeric(Object value) {
    return value instanceof Number || value instanceof Duration;
  }

  private static String decimal(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return Double.toString(value);
    }
    if (value != 0 && Math.abs(value) < 0.01) {
      // Prices per request and per GB-second would all read 0.00: keep 3 significant digits instead.
      return new BigDecimal(value).round(THREE_SIGNIFICANT_DIGITS).stripTrailingZeros().toPlainString();
    }
    return String.format(Locale.ROOT, "%,.2f", value);
  }
}
