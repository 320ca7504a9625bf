package dev.lambdaloom.functions.readings;

import dev.lambdaloom.functions.readings.DeliveredReading.DeviceReading;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The per-device aggregates: one item per device (partition key {@code deviceId}) with {@code readingCount},
 * {@code valueCount}, {@code minValue}, {@code maxValue}, {@code sumValues} over every value of every reading, the
 * last reading ({@code lastDatetime}, {@code lastValues}), and {@code lastSequence}, the sequence number of the last
 * reading applied as a {@link ShardSequence#sortKey()} (and as delivered in {@code lastSequenceNumber}).
 *
 * <p>A reading is applied once: the update is conditional on {@code attribute_not_exists(lastSequence) OR
 * lastSequence < :seq}, and a reading whose sequence number is not above {@code lastSequence} is already counted
 * ({@link AggregateUpdate.AlreadyApplied}, not a failure). DynamoDB cannot take a minimum or maximum in an update
 * expression, so the new aggregate is computed from the item as read; the condition also requires {@code lastSequence}
 * to be what was read, so a write between the read and the update is never overwritten (it is read again instead).
 */
final class DeviceTable {
  /** Reads and conditional updates of one reading before giving up; more only if something else writes the device. */
  static final int MAX_ATTEMPTS = 3;

  private final DynamoDbClient dynamodb;
  private final String table;

  DeviceTable(DynamoDbClient dynamodb, String table) {
    this.dynamodb = dynamodb;
    this.table = table;
  }

  AggregateUpdate apply(DeviceReading reading) {
    String sequence = reading.sequence().sortKey();
    for (int attempt = 1; ; attempt++) {
      Map<String, AttributeValue> current = dynamodb.getItem(b -> b.tableName(table).consistentRead(true)
          .key(Map.of("deviceId", AttributeValue.fromS(reading.deviceId())))).item();
      AttributeValue read = current == null ? null : current.get("lastSequence");
      if (read != null && read.s() != null && read.s().compareTo(sequence) >= 0) return new AggregateUpdate.AlreadyApplied();
      try {
        update(reading, read != null ? current : Map.of(), read);
        return new AggregateUpdate.Applied();
      } catch (ConditionalCheckFailedException changedSinceRead) {
        if (attempt == MAX_ATTEMPTS) {
          throw new IllegalStateException("device " + reading.deviceId() + " changed under " + MAX_ATTEMPTS
              + " attempts to apply reading " + reading.sequence(), changedSinceRead);
        }
      }
    }
  }

  /** @param current the item as read, empty if it has no {@code lastSequence} yet */
  private void update(DeviceReading reading, Map<String, AttributeValue> current, AttributeValue readSequence) {
    ValueStats stats = ValueStats.of(reading.reading().values());
    long readings = 1;
    if (!current.isEmpty()) {
      stats = stats(current).plus(stats);
      readings += Long.parseLong(current.get("readingCount").n());
    }
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":readings", number(readings));
    values.put(":count", number(stats.count()));
    values.put(":min", number(stats.min()));
    values.put(":max", number(stats.max()));
    values.put(":sum", AttributeValue.fromN(stats.sum().toString()));
    values.put(":datetime", AttributeValue.fromS(reading.reading().datetime()));
    values.put(":values", AttributeValue.fromL(numbers(reading.reading().values())));
    values.put(":seq", AttributeValue.fromS(reading.sequence().sortKey()));
    values.put(":seqText", AttributeValue.fromS(reading.sequence().digits()));
    String condition = "(attribute_not_exists(lastSequence) OR lastSequence < :seq) AND ";
    if (readSequence == null) {
      condition += "attribute_not_exists(lastSequence)";
    } else {
      condition += "lastSequence = :read";
      values.put(":read", readSequence);
    }
    String expression = condition;
    dynamodb.updateItem(b -> b.tableName(table)
        .key(Map.of("deviceId", AttributeValue.fromS(reading.deviceId())))
        .updateExpression("SET readingCount = :readings, valueCount = :count, minValue = :min, maxValue = :max, "
            + "sumValues = :sum, lastDatetime = :datetime, lastValues = :values, lastSequence = :seq, "
            + "lastSequenceNumber = :seqText")
        .conditionExpression(expression)
        .expressionAttributeValues(values));
  }

  private static ValueStats stats(Map<String, AttributeValue> item) {
    return new ValueStats(Long.parseLong(item.get("valueCount").n()), Long.parseLong(item.get("minValue").n()),
        Long.parseLong(item.get("maxValue").n()), new BigInteger(item.get("sumValues").n()));
  }

  private static AttributeValue number(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }

  private static List<AttributeValue> numbers(long[] values) {
    List<AttributeValue> list = new ArrayList<>(values.length);
    for (long value : values) list.add(number(value));
    return list;
  }
}
