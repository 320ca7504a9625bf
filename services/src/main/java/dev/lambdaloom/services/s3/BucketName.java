package dev.lambdaloom.services.s3;

import java.util.regex.Pattern;

/** S3's rules for a bucket name, checked before a server is started with it rather than by a failing child. */
public final class BucketName {
  /** 3 to 63 of a-z, 0-9, '.' and '-', starting and ending with a letter or digit. */
  private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
  private static final Pattern IP_ADDRESS = Pattern.compile("\\d+\\.\\d+\\.\\d+\\.\\d+");

  private BucketName() {}

  /** @throws IllegalArgumentException saying what a bucket name is */
  public static void requireValid(String name) {
    if (name == null || !VALID.matcher(name).matches() || name.contains("..") || IP_ADDRESS.matcher(name).matches()) {
      throw new IllegalArgumentException("'" + name + "' is not a bucket name: 3 to 63 of a-z 0-9 . -, starting and"
          + " ending with a letter or digit, no '..', not an IP address");
    }
  }
}
