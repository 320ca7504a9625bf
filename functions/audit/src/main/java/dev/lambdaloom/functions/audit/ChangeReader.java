package dev.lambdaloom.functions.audit;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a delivered batch into {@link DeliveredRecord}s: everything is checked and every image turned into JSON here,
 * before anything is written, so a record that cannot be audited fails alone with a reason and never half-applied.
 */
final class ChangeReader {
  /** {@code arn:aws:dynamodb:us-east-1:123456789012:table/Workers/stream/2026-01-01T00:00:00.000}. */
  private static final Pattern STREAM_ARN = Pattern.compile("arn:[^:]+:dynamodb:[^:]*:[^:]*:table/([^/]+)/stream/.+");

  private ChangeReader() {}

  static List<DeliveredRecord> readAll(List<DynamodbStreamRecord> records) {
    if (records == null) return List.of();
    List<DeliveredRecord> read = new ArrayList<>(records.size());
    for (int i = 0; i < records.size(); i++) read.add(read(records.get(i), i));
    return read;
  }

  /** @param index its place in the batch: names a record that has no sequence number */
  static DeliveredRecord read(DynamodbStreamRecord record, int index) {
    StreamRecord stream = record == null ? null : record.getDynamodb();
    String sequenceNumber = stream == null ? null : stream.getSequenceNumber();
    // Lambda cannot match a failure without a sequence number to a record and retries the whole batch: the only
    // safe answer for a record it would otherwise lose track of.
    String itemId = sequenceNumber != null ? sequenceNumber : "(record " + index + " has no sequence number)";
    try {
      if (stream == null) throw new BadRecordException("no dynamodb section");
      CanonicalKey key = CanonicalKey.of(stream.getKeys());
      String table = table(record.getEventSourceARN());
      StreamSequence sequence = StreamSequence.parse(sequenceNumber);
      ChangeKind kind = ChangeKind.parse(record.getEventName());
      if (kind == ChangeKind.REMOVE && stream.getOldImage() == null) {
        throw new BadRecordException("REMOVE without OldImage: nothing to archive (the stream's view type must be "
            + "NEW_AND_OLD_IMAGES or OLD_IMAGE, it is " + stream.getStreamViewType() + ")");
      }
      return new Change(
          new Change.Origin(table, sequence, Optional.ofNullable(record.getEventID()),
              Optional.ofNullable(stream.getApproximateCreationDateTime()).map(Date::toInstant)),
          kind,
          new Change.ItemKey(key, ImageJson.render(stream.getKeys())),
          new Change.Images(image(stream.getOldImage(), "OldImage"), image(stream.getNewImage(), "NewImage")));
    } catch (BadRecordException e) {
      return new Unreadable(itemId, e.getMessage());
    }
  }

  private static Optional<String> image(Map<String, AttributeValue> image, String name) throws BadRecordException {
    if (image == null) return Optional.empty();
    try {
      return Optional.of(ImageJson.render(image));
    } catch (BadRecordException e) {
      throw new BadRecordException(name + ": " + e.getMessage(), e);
    }
  }

  static String table(String eventSourceArn) throws BadRecordException {
    if (eventSourceArn == null) throw new BadRecordException("no eventSourceARN");
    Matcher arn = STREAM_ARN.matcher(eventSourceArn);
    if (!arn.matches()) {
      throw new BadRecordException("eventSourceARN '" + Excerpt.of(eventSourceArn) + "' is not a DynamoDB stream's ARN");
    }
    return arn.group(1);
  }
}
