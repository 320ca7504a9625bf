package dev.lambdaloom.functions.scavenger;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchExecuteStatementResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchStatementResponse;

/**
 * Up to 25 conditional deletes per request with PartiQL's BatchExecuteStatement: {@code DELETE ... WHERE key AND
 * StartExecutionTime = ? AND Completed = ?}. Unlike BatchWriteItem it takes a condition per item, and unlike
 * TransactWriteItems each statement succeeds or fails on its own at the normal write cost (1 WCU per item, not 2).
 */
final class StatementDeleter implements Deleter {
  static final int MAX_STATEMENTS = 25;

  private final DynamoDbClient client;
  private final String statement;

  StatementDeleter(DynamoDbClient client, String table) {
    this.client = client;
    this.statement = "DELETE FROM \"" + table + "\" WHERE \"" + WorkerTable.WORKER_ID + "\" = ? AND \""
        + WorkerTable.START_TIME + "\" = ? AND \"" + WorkerTable.START_EXECUTION_TIME + "\" = ? AND \""
        + WorkerTable.COMPLETED + "\" = ?";
  }

  @Override
  public int batchSize() {
    return MAX_STATEMENTS;
  }

  @Override
  public void attempt(List<Candidate> pending, Tally tally) {
    List<BatchStatementRequest> statements = new ArrayList<>(pending.size());
    for (Candidate c : pending) {
      statements.add(BatchStatementRequest.builder()
          .statement(statement)
          .parameters(c.key().get(WorkerTable.WORKER_ID), c.key().get(WorkerTable.START_TIME),
              c.startExecutionTime(), c.completed())
          .build());
    }
    tally.deleteRequests.increment();
    BatchExecuteStatementResponse response = client.batchExecuteStatement(b -> b.statements(statements));
    List<Candidate> again = new ArrayList<>();
    for (int i = 0; i < pending.size(); i++) {
      BatchStatementResponse result = response.responses().get(i);
      String code = result.error() == null ? null : result.error().codeAsString();
      if (code == null) {
        tally.deleted.increment();
      } else if (code.equals("ConditionalCheckFailed")) {
        tally.conditionFailed.increment();
      } else if (Retryable.CODES.contains(code)) {
        if (Retryable.isThrottleCode(code)) tally.throttled.increment();
        again.add(pending.get(i));
      } else {
        Deleter.failed(pending.get(i), code, result.error().message(), tally);
      }
    }
    pending.clear();
    pending.addAll(again);
  }
}
