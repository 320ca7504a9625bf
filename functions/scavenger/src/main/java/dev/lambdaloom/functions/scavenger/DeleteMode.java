package dev.lambdaloom.functions.scavenger;

import java.util.Locale;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** How the scavenger deletes; every mode is conditional on the item being unchanged since the scan. */
enum DeleteMode {
  /** PartiQL BatchExecuteStatement, 25 conditional deletes per request, 1 WCU each. The default. */
  BATCH,
  /** TransactWriteItems, 100 conditional deletes per request, 2 WCUs each, all or nothing. */
  TRANSACT,
  /** One conditional DeleteItem per item, as the article did (without the condition). */
  ITEM;

  Deleter deleter(DynamoDbClient client, String table) {
    return switch (this) {
      case BATCH -> new StatementDeleter(client, table);
      case TRANSACT -> new TransactDeleter(client, table);
      case ITEM -> new ItemDeleter(client, table);
    };
  }

  /** The setting's exact label: batch, transact, item. */
  String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
