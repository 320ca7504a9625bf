package dev.lambdaloom.functions.scavenger;

import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** The article's design made safe: one conditional DeleteItem per item. The baseline for request counts. */
record ItemDeleter(DynamoDbClient client, String table) implements Deleter {
  @Override
  public int batchSize() {
    return 1;
  }

  @Override
  public void attempt(List<Candidate> pending, Tally tally) {
    Candidate candidate = pending.getFirst();
    tally.deleteRequests.increment();
    try {
      client.deleteItem(b -> b.tableName(table)
          .key(candidate.key())
          .conditionExpression(CONDITION)
          .expressionAttributeNames(CONDITION_NAMES)
          .expressionAttributeValues(Deleter.conditionValues(candidate)));
      tally.deleted.increment();
    } catch (ConditionalCheckFailedException e) {
      tally.conditionFailed.increment();
    }
    pending.removeFirst();
  }
}
