package dev.lambdaloom.functions.audit;

import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** DynamoDB's attribute types, told apart by which field of the events library's {@link AttributeValue} is set. */
enum AttributeType {
  S(v -> v.getS() != null),
  N(v -> v.getN() != null),
  B(v -> v.getB() != null),
  BOOL(v -> v.getBOOL() != null),
  NULL(v -> v.getNULL() != null),
  SS(v -> v.getSS() != null),
  NS(v -> v.getNS() != null),
  BS(v -> v.getBS() != null),
  L(v -> v.getL() != null),
  M(v -> v.getM() != null);

  private final Predicate<AttributeValue> set;

  AttributeType(Predicate<AttributeValue> set) {
    this.set = set;
  }

  /** The one type of {@code value}; a value with none or several is not one DynamoDB wrote. */
  static AttributeType of(AttributeValue value, String path) throws BadRecordException {
    if (value == null) throw new BadRecordException("attribute " + path + " has no value");
    List<AttributeType> types = new ArrayList<>(1);
    for (AttributeType type : values()) {
      if (type.set.test(value)) types.add(type);
    }
    if (types.size() != 1) {
      throw new BadRecordException("attribute " + path + (types.isEmpty() ? " has no type" : " has several types " + types));
    }
    return types.getFirst();
  }
}
