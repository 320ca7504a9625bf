package dev.lambdaloom.functions.s3probe;

import java.util.List;

/** What the synchronous and asynchronous listings share: their errors, and the cap on what they return. */
final class Listing {
  private Listing() {}

  static ProbeFailedException failed(String bucket, String prefix, Throwable cause) {
    Throwable t = FailureNames.unwrap(cause);
    return new ProbeFailedException("cannot list s3://" + bucket + "/" + prefix + ": " + FailureNames.of(t) + ": "
        + FailureNames.message(t), t);
  }

  /** The listing was asked for one more than allowed, to tell "exactly the cap" from "more". */
  static List<ListedObject> checkCount(List<ListedObject> objects, String bucket, String prefix, int maxObjects) {
    if (objects.size() > maxObjects) {
      throw new ProbeFailedException("more than " + maxObjects + " objects under s3://" + bucket + "/" + prefix
          + ": narrow the prefix or raise maxObjects");
    }
    return objects;
  }
}
