package dev.lambdaloom.services.dynamodb;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * An empty on-demand table to create: a name, a partition key and maybe a sort key. Written
 * {@code NAME[:KEY:TYPE[:SORTKEY:TYPE]]} with TYPE one of S, N, B, e.g. {@code Orders:id:S} or
 * {@code Readings:device:S:time:N}; a bare {@code NAME} gets the partition key {@code id} of type S.
 */
public record TableSpec(String name, Key partitionKey, Optional<Key> sortKey) {
  /** The partition key a bare NAME gets. */
  public static final Key DEFAULT_KEY = new Key("id", ScalarAttributeType.S);

  private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z0-9_.-]{3,255}");
  private static final String FORMAT = "NAME[:KEY:TYPE[:SORTKEY:TYPE]] with TYPE one of S, N, B";

  /** A key attribute: its name and scalar type. */
  public record Key(String attribute, ScalarAttributeType type) {
    public Key {
      if (attribute == null || attribute.isEmpty()) {
        throw new IllegalArgumentException("a key attribute needs a name");
      }
      Objects.requireNonNull(type, "type");
    }
  }

  public TableSpec {
    if (name == null || !TABLE_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("a DynamoDB table name is 3 to 255 of A-Z a-z 0-9 _ . -, not '" + name + "'");
    }
    Objects.requireNonNull(partitionKey, "partitionKey");
    Objects.requireNonNull(sortKey, "sortKey");
    if (sortKey.filter(sort -> sort.attribute().equals(partitionKey.attribute())).isPresent()) {
      throw new IllegalArgumentException("table " + name + ": the sort key must differ from the partition key");
    }
  }

  /** Reads {@code NAME[:KEY:TYPE[:SORTKEY:TYPE]]}; anything else is an IllegalArgumentException naming the format. */
  public static TableSpec parse(String text) {
    String[] parts = text.split(":", -1);
    if (parts.length != 1 && parts.length != 3 && parts.length != 5) {
      throw new IllegalArgumentException("a table is " + FORMAT + ", not '" + text + "'");
    }
    Key partition = parts.length == 1 ? DEFAULT_KEY : key(parts[1], parts[2], text);
    Optional<Key> sort = parts.length == 5 ? Optional.of(key(parts[3], parts[4], text)) : Optional.empty();
    return new TableSpec(parts[0], partition, sort);
  }

  /** Creates the table (on demand); DynamoDB Local has it ACTIVE at once. */
  public void create(DynamoDbClient client) {
    List<AttributeDefinition> attributes = new ArrayList<>();
    List<KeySchemaElement> keys = new ArrayList<>();
    attributes.add(definition(partitionKey));
    keys.add(KeySchemaElement.builder().attributeName(partitionKey.attribute()).keyType(KeyType.HASH).build());
    sortKey.ifPresent(sort -> {
      attributes.add(definition(sort));
      keys.add(KeySchemaElement.builder().attributeName(sort.attribute()).keyType(KeyType.RANGE).build());
    });
    client.createTable(b -> b.tableName(name).attributeDefinitions(attributes).keySchema(keys)
        .billingMode(BillingMode.PAY_PER_REQUEST));
  }

  @Override
  public String toString() {
    return name + " (" + partitionKey.attribute() + " " + partitionKey.type()
        + sortKey.map(sort -> ", " + sort.attribute() + " " + sort.type()).orElse("") + ")";
  }

  private static Key key(String attribute, String type, String text) {
    ScalarAttributeType scalar = switch (type) {
      case "S" -> ScalarAttributeType.S;
      case "N" -> ScalarAttributeType.N;
      case "B" -> ScalarAttributeType.B;
      default -> throw new IllegalArgumentException(
          "a key type is S, N or B, not '" + type + "' in '" + text + "' (" + FORMAT + ")");
    };
    if (attribute.isEmpty()) {
      throw new IllegalArgumentException("a key needs an attribute name in '" + text + "' (" + FORMAT + ")");
    }
    return new Key(attribute, scalar);
  }

  private static AttributeDefinition definition(Key key) {
    return AttributeDefinition.builder().attributeName(key.attribute()).attributeType(key.type()).build();
  }
}
