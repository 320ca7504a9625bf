package dev.lambdaloom.functions.scavenger;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Up to 100 conditional deletes per TransactWriteItems request. All or nothing: when one condition fails the
 * transaction is cancelled, and the reasons say which; the rest go again in a new request. Each item costs 2 WCUs
 * (transactional writes are billed double).
 */
record TransactDeleter(DynamoDbClient client, String table) implements Deleter {
  static final int MAX_ACTIONS = 100;

  @Override
  public int batchSize() {
    return MAX_ACTIONS;
  }

  @Override
  public void attempt(List<Candidate> pending, Tally tally) {
    List<TransactWriteItem> actions = new ArrayList<>(pending.size());
    for (Candidate c : pending) {
      actions.add(TransactWriteItem.builder().delete(Delete.builder()
              .tableName(table)
              .key(c.key())
              .conditionExpression(CONDITION)
              .expressionAttributeNames(CONDITION_NAMES)
              .expressionAttributeValues(Deleter.conditionValues(c))
              .build())
          .build());
    }
    // The same set of deletes sent again (after a lost response) is recognised by its token and not applied twice.
    String token = UUID.nameUUIDFromBytes(pending.toString().getBytes(StandardCharsets.UTF_8)).toString();
    tally.deleteRequests.increment();
    try {
      client.transactWriteItems(b -> b.clientRequestToken(token).transactItems(actions));
      tally.deleted.add(pending.size());
      pending.clear();
    } catch (TransactionCanceledException e) {
      List<CancellationReason> reasons = e.cancellationReasons();
      if (reasons == null || reasons.size() != pending.size()) throw e; // nothing to go by: retry or fail as a whole
      List<Candidate> again = new ArrayList<>();
      for (int i = 0; i < pending.size(); i++) {
        String code = reasons.get(i).code();
        if ("ConditionalCheckFailed".equals(code)) {
          tally.conditionFailed.increment();
        } else if (code == null || "None".equals(code) || Retryable.CODES.contains(code)) {
          if (Retryable.isThrottleCode(code)) tally.throttled.increment();
          again.add(pending.get(i));
        } else {
          Deleter.failed(pending.get(i), code, reasons.get(i).message(), tally);
        }
      }
      pending.clear();
      pending.addAll(again);
    }
  }
}
