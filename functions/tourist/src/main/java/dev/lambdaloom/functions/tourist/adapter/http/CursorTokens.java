package dev.lambdaloom.functions.tourist.adapter.http;

import dev.lambdaloom.core.InvalidSettingException;
import dev.lambdaloom.core.Settings;
import dev.lambdaloom.functions.tourist.adapter.http.CursorReading.Flaw;
import dev.lambdaloom.functions.tourist.usecase.Cursor;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Cursors as clients hold them: 55 characters of base64url (no padding) over 41 bytes,
 *
 * <pre>
 * version (1, = 1) | createdAt in microseconds since 1970 (8, big-endian) | id (16) | tag (16)
 * </pre>
 *
 * where the tag is the first half of an HMAC-SHA256 of the 25 bytes before it. A token that was
 * altered, cut short, padded out or made up fails the tag (or an earlier check) and is refused; so
 * a client can never steer the keyset query with values the API did not hand out. The fields are
 * range-checked as well, so even a correctly signed token cannot make the query fail.
 *
 * <p>The key comes from {@value #KEY_VARIABLE} (at least 32 bytes in base64, e.g. {@code openssl
 * rand -base64 32}), shared by every container of a deployment; without it each container makes up
 * its own, and a cursor works only in the container that issued it.
 */
final class CursorTokens {
  static final String KEY_VARIABLE = "CURSOR_KEY";
  static final int MIN_KEY_BYTES = 32;
  /** The earliest createdAt a token may carry: the encoding counts microseconds from 1970 up. */
  static final Instant EARLIEST = Instant.EPOCH;
  /** The latest: the last instant with a four-digit year, far inside PostgreSQL's timestamptz range. */
  static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

  private static final byte VERSION = 1;
  private static final int SIGNED_BYTES = 1 + Long.BYTES + 2 * Long.BYTES;
  private static final int TAG_BYTES = 16;
  private static final int TOKEN_BYTES = SIGNED_BYTES + TAG_BYTES;
  private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]+");
  private static final String MAC = "HmacSHA256";
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

  private final SecretKeySpec key;
  private final boolean shared;

  private CursorTokens(byte[] key, boolean shared) {
    this.key = new SecretKeySpec(key, MAC);
    this.shared = shared;
  }

  /**
   * With the key in {@value #KEY_VARIABLE}, else a random one of this container.
   *
   * @throws InvalidSettingException when the variable is set but is not a key: a key the user gave
   *     is never silently replaced by a random one (the message never shows the value)
   */
  static CursorTokens fromEnvironment(Map<String, String> environment) {
    String text = Settings.of(null, environment).text(null, KEY_VARIABLE, null);
    if (text == null) {
      return withRandomKey();
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw keyRefused("is not base64 (letters, digits, + and /, = padding, no spaces or line breaks)", e);
    }
    if (!Base64.getEncoder().encodeToString(key).equals(text)) {
      throw keyRefused("is not base64 in its one canonical spelling", null);
    }
    if (key.length < MIN_KEY_BYTES) {
      throw keyRefused("holds " + key.length + " bytes; a key needs at least " + MIN_KEY_BYTES, null);
    }
    return new CursorTokens(key, true);
  }

  private static InvalidSettingException keyRefused(String problem, Throwable cause) {
    InvalidSettingException e = new InvalidSettingException(KEY_VARIABLE, KEY_VARIABLE + " (from the environment) "
        + problem + ": give at least " + MIN_KEY_BYTES + " random bytes in base64, e.g. from `openssl rand -base64 32`");
    if (cause != null) {
      e.initCause(cause);
    }
    return e;
  }

  /** A key of this container only: its cursors mean nothing to another container. */
  static CursorTokens withRandomKey() {
    byte[] key = new byte[MIN_KEY_BYTES];
    new SecureRandom().nextBytes(key);
    return new CursorTokens(key, false);
  }

  /** True when the key came from the environment, so every container of the deployment shares it. */
  boolean shared() {
    return shared;
  }

  String encode(Cursor cursor) {
    long micros = ChronoUnit.MICROS.between(Instant.EPOCH, cursor.createdAt());
    ByteBuffer token = ByteBuffer.allocate(TOKEN_BYTES).put(VERSION).putLong(micros)
        .putLong(cursor.id().getMostSignificantBits()).putLong(cursor.id().getLeastSignificantBits());
    token.put(tag(token.array()));
    return ENCODER.encodeToString(token.array());
  }

  /** Reads a token strictly; every field is checked, the signature before any value is believed. */
  CursorReading read(String text) {
    if (text.isEmpty()) {
      return new CursorReading.Refused(Flaw.EMPTY);
    }
    if (!BASE64URL.matcher(text).matches()) {
      return new CursorReading.Refused(Flaw.NOT_BASE64URL);
    }
    byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      return new CursorReading.Refused(Flaw.NOT_BASE64URL); // a length no base64 text has
    }
    if (bytes.length != TOKEN_BYTES) {
      return new CursorReading.Refused(Flaw.WRONG_LENGTH);
    }
    if (!ENCODER.encodeToString(bytes).equals(text)) {
      return new CursorReading.Refused(Flaw.NOT_BASE64URL); // stray bits in the last character: a second spelling
    }
    if (bytes[0] != VERSION) {
      return new CursorReading.Refused(Flaw.UNKNOWN_VERSION);
    }
    if (!MessageDigest.isEqual(tag(bytes), Arrays.copyOfRange(bytes, SIGNED_BYTES, TOKEN_BYTES))) {
      return new CursorReading.Refused(Flaw.NOT_SIGNED_HERE);
    }
    ByteBuffer fields = ByteBuffer.wrap(bytes, 1, SIGNED_BYTES - 1);
    long micros = fields.getLong();
    UUID id = new UUID(fields.getLong(), fields.getLong());
    if (micros < 0 || micros > ChronoUnit.MICROS.between(EARLIEST, LATEST)) {
      return new CursorReading.Refused(Flaw.TIME_OUT_OF_RANGE);
    }
    // Tourist ids are random UUIDs (version 4, RFC 4122 variant), from UUID.randomUUID or gen_random_uuid.
    if (id.version() != 4 || id.variant() != 2) {
      return new CursorReading.Refused(Flaw.NOT_A_TOURIST_ID);
    }
    return new CursorReading.Valid(new Cursor(EARLIEST.plus(micros, ChronoUnit.MICROS), id));
  }

  /** The tag of a token's signed bytes (its first {@code SIGNED_BYTES}). */
  private byte[] tag(byte[] token) {
    try {
      Mac mac = Mac.getInstance(MAC);
      mac.init(key);
      mac.update(token, 0, SIGNED_BYTES);
      return Arrays.copyOf(mac.doFinal(), TAG_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java runtime has " + MAC, e);
    }
  }
}
