package dev.lambdaloom.functions.scavenger;

import dev.lambdaloom.core.RetryClassifier;
import dev.lambdaloom.core.RetryDecision;
import java.io.IOException;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/** Which DynamoDB failures are worth another attempt: throttling, conflicts, server errors, broken connections. */
final class Retryable {
  /** Error codes, also as they appear per statement in a BatchExecuteStatement response. */
  static final Set<String> CODES = Set.of(
      "ProvisionedThroughputExceededException", "ProvisionedThroughputExceeded",
      "RequestLimitExceeded", "ThrottlingException", "ThrottlingError", "Throttling",
      "TransactionConflictException", "TransactionConflict", "TransactionInProgressException",
      "InternalServerError", "InternalServerErrorException", "ServiceUnavailable");

  private Retryable() {}

  static RetryClassifier<Throwable> failures() {
    return failure -> isRetryable(failure) ? RetryDecision.retry() : RetryDecision.fail();
  }

  static boolean isRetryable(Throwable failure) {
    if (failure instanceof AwsServiceException service) {
      String code = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
      return service.isThrottlingException() || service.statusCode() >= 500 || (code != null && CODES.contains(code));
    }
    // A connection reset or refused, a read timeout: the request may not have arrived, and every delete is
    // conditional, so sending it again is safe.
    return failure instanceof SdkClientException && failure.getCause() instanceof IOException;
  }

  /** True for codes that mean "throttled", as opposed to other transient trouble. */
  static boolean isThrottle(Throwable failure) {
    return failure instanceof AwsServiceException service && (service.isThrottlingException()
        || (service.awsErrorDetails() != null && isThrottleCode(service.awsErrorDetails().errorCode())));
  }

  static boolean isThrottleCode(String code) {
    return code != null && (code.startsWith("ProvisionedThroughputExceeded") || code.startsWith("RequestLimitExceeded")
        || code.startsWith("Throttling"));
  }
}
