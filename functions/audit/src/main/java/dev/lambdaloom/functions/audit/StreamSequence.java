package dev.lambdaloom.functions.audit;

import java.util.regex.Pattern;

/**
 * A DynamoDB Streams sequence number: decimal digits, at most 40 of them (the DynamoDB Streams API's limit).
 *
 * <p>{@link #sortKey()} pads it with zeros to 40 digits, and that text is the audit item's sort key: as a string of
 * fixed width it sorts like the number, where a DynamoDB number could not hold it (N keeps 38 significant digits).
 */
record StreamSequence(String digits) {
  static final int MAX_DIGITS = 40;
  private static final Pattern DIGITS = Pattern.compile("[0-9]{1," + MAX_DIGITS + "}");

  static StreamSequence parse(String text) throws BadRecordException {
    if (text == null) throw new BadRecordException("no SequenceNumber");
    if (!DIGITS.matcher(text).matches()) {
      throw new BadRecordException("SequenceNumber '" + Excerpt.of(text) + "' is not 1 to " + MAX_DIGITS + " decimal digits");
    }
    return new StreamSequence(text);
  }

  String sortKey() {
    return "0".repeat(MAX_DIGITS - digits.length()) + digits;
  }

  @Override
  public String toString() {
    return digits;
  }
}
