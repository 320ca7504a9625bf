package dev.lambdaloom.functions.readings;

import java.util.regex.Pattern;

/**
 * A Kinesis sequence number: {@code 0|([1-9]\d{0,128})} in Kinesis's API, so up to 129 decimal digits, ever
 * increasing within a shard (and a device's records all go to one shard, by partition key).
 *
 * <p>Stored as {@link #sortKey()}, a string zero-padded to 129 digits, not as a DynamoDB number: N keeps 38 significant
 * digits and today's sequence numbers already have 56, so two of them could compare equal. Strings of one width
 * compare (byte by byte, as DynamoDB's {@code <} does on S) exactly like the numbers.
 */
record ShardSequence(String digits) {
  static final int MAX_DIGITS = 129;
  private static final Pattern DIGITS = Pattern.compile("0|[1-9][0-9]{0," + (MAX_DIGITS - 1) + "}");

  static ShardSequence parse(String text) throws MalformedReadingException {
    if (text == null) throw new MalformedReadingException("no sequenceNumber");
    if (!DIGITS.matcher(text).matches()) {
      throw new MalformedReadingException("sequenceNumber '" + (text.length() > 40 ? text.substring(0, 40) + "…" : text)
          + "' is not a Kinesis sequence number (up to " + MAX_DIGITS + " decimal digits)");
    }
    return new ShardSequence(text);
  }

  String sortKey() {
    return "0".repeat(MAX_DIGITS - digits.length()) + digits;
  }

  @Override
  public String toString() {
    return digits;
  }
}
