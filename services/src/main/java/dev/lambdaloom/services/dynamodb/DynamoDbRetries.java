package dev.lambdaloom.services.dynamodb;

import dev.lambdaloom.core.RetryClassifier;
import dev.lambdaloom.core.RetryDecision;
import java.io.IOException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/** DynamoDB failures worth another attempt: throttling, server errors, broken connections. */
final class DynamoDbRetries {
  private DynamoDbRetries() {}

  static RetryClassifier<Throwable> transientFailures() {
    return failure -> {
      boolean retry = failure instanceof AwsServiceException service
          ? service.isThrottlingException() || service.statusCode() >= 500
              || (service.awsErrorDetails() != null && "RequestLimitExceeded".equals(service.awsErrorDetails().errorCode()))
          : failure instanceof SdkClientException && failure.getCause() instanceof IOException;
      return retry ? RetryDecision.retry() : RetryDecision.fail();
    };
  }
}
