package dev.lambdaloom.functions.s3probe;

import java.net.SocketTimeoutException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

/** Names a failed request the way a user searches for it: S3's error code, else what kind of failure it was. */
final class FailureNames {
  static final String TIMEOUT = "Timeout";
  static final String INTERRUPTED = "Interrupted";

  private FailureNames() {}

  static String of(Throwable failure) {
    Throwable t = unwrap(failure);
    if (t instanceof AwsServiceException aws && aws.awsErrorDetails() != null
        && aws.awsErrorDetails().errorCode() != null) {
      return aws.awsErrorDetails().errorCode();
    }
    if (t instanceof AwsServiceException aws) return "HTTP " + aws.statusCode();
    if (t instanceof ApiCallTimeoutException || t instanceof ApiCallAttemptTimeoutException
        || t instanceof TimeoutException || hasCause(t, SocketTimeoutException.class)) {
      return TIMEOUT;
    }
    if (t instanceof InterruptedException || t instanceof AbortedException || t instanceof CancellationException
        || hasCause(t, InterruptedException.class)) {
      return INTERRUPTED;
    }
    if (t instanceof SdkClientException && t.getCause() != null) return unwrap(t.getCause()).getClass().getSimpleName();
    return t.getClass().getSimpleName();
  }

  /**
   * As {@link #of} for a GetObject of a key the listing returned. The CRT client does not parse S3's error body, so
   * a missing key reaches it as a bare 404; on a GET after a successful listing of the same bucket a 404 can only
   * mean the key is gone, which S3 calls {@code NoSuchKey}.
   */
  static String ofGet(Throwable failure) {
    String name = of(failure);
    return name.equals("HTTP 404") ? "NoSuchKey" : name;
  }

  /** The message worth showing: the unwrapped failure's, else its class. */
  static String message(Throwable failure) {
    Throwable t = unwrap(failure);
    return t.getMessage() == null ? t.getClass().getName() : t.getMessage();
  }

  static Throwable unwrap(Throwable failure) {
    Throwable t = failure;
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (type.isInstance(c)) return true;
    }
    return false;
  }
}
