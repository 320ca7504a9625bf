package dev.lambdaloom.services.secretsmanager;

import java.time.Instant;

/**
 * One secret and its current value. Earlier values are not kept: nothing here reads AWSPREVIOUS.
 *
 * @param name the name it was created with
 * @param arn its ARN, the name followed by a dash and six random characters, as Secrets Manager makes them
 * @param created when CreateSecret made it
 * @param versionId the current value's version, or null when it has no value yet
 * @param secretString the current value, or null when it has no value yet
 * @param versionCreated when the current value was stored
 */
record StoredSecret(String name, String arn, Instant created, String versionId, String secretString,
    Instant versionCreated) {

  StoredSecret withValue(String newVersionId, String newValue, Instant at) {
    return new StoredSecret(name, arn, created, newVersionId, newValue, at);
  }

  boolean hasValue() {
    return secretString != null;
  }
}
