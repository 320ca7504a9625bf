package dev.lambdaloom.functions.tourist.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.lambdaloom.core.InvalidSettingException;
import dev.lambdaloom.functions.tourist.adapter.http.CursorReading.Flaw;
import dev.lambdaloom.functions.tourist.usecase.Cursor;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Cursor tokens: what the API hands out reads back; anything else, however close, is refused. */
class CursorTokensTest {
  private static final String KEY = Base64.getEncoder().encodeToString(
      "a deployment's key of 32 bytes or more".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
  private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();
  private final CursorTokens tokens = CursorTokens.withRandomKey();
  private final Cursor cursor = new Cursor(Instant.parse("2026-03-14T15:09:26.535897Z"), UUID.randomUUID());

  @Test
  void aCursorReadsBackExactlyFromAnOpaqueUrlSafeToken() {
    String token = tokens.encode(cursor);

    assertThat(token).hasSize(55).matches("[A-Za-z0-9_-]+");
    assertThat(tokens.read(token)).isEqualTo(new CursorReading.Valid(cursor));
  }

  @Test
  void flippingAnyBitOfAnyByteIsRefused() {
    byte[] bytes = Base64.getUrlDecoder().decode(tokens.encode(cursor));
    for (int i = 0; i < bytes.length; i++) {
      for (int bit = 0; bit < 8; bit++) {
        byte[] tampered = bytes.clone();
        tampered[i] ^= (byte) (1 << bit);
        assertThat(tokens.read(URL.encodeToString(tampered))).as("byte %d bit %d", i, bit)
            .isInstanceOf(CursorReading.Refused.class);
      }
    }
  }

  @Test
  void aTokenReEncodedWithAnotherTimeOrIdIsRefused() {
    byte[] bytes = Base64.getUrlDecoder().decode(tokens.encode(cursor));
    ByteBuffer fields = ByteBuffer.wrap(bytes);
    fields.putLong(1, fields.getLong(1) - 1_000_000); // one second earlier: the page would start elsewhere
    assertThat(tokens.read(URL.encodeToString(bytes))).isEqualTo(new CursorReading.Refused(Flaw.NOT_SIGNED_HERE));

    byte[] otherId = Base64.getUrlDecoder().decode(tokens.encode(cursor));
    ByteBuffer.wrap(otherId).putLong(9, UUID.randomUUID().getMostSignificantBits());
    assertThat(tokens.read(URL.encodeToString(otherId))).isEqualTo(new CursorReading.Refused(Flaw.NOT_SIGNED_HERE));
  }

  @Test
  void aTokenSignedWithAnotherKeyIsRefused() {
    String foreign = CursorTokens.withRandomKey().encode(cursor);
    assertThat(tokens.read(foreign)).isEqualTo(new CursorReading.Refused(Flaw.NOT_SIGNED_HERE));
  }

  @Test
  void truncatedOrExtendedTokensAreRefused() {
    String token = tokens.encode(cursor);
    for (int length = 0; length < token.length(); length++) {
      assertThat(tokens.read(token.substring(0, length))).as("first %d characters", length)
          .isInstanceOf(CursorReading.Refused.class);
    }
    for (String extended : new String[] {token + "A", token + "AA", token + "AAAA", token + "=", token + token}) {
      assertThat(tokens.read(extended)).as(extended).isInstanceOf(CursorReading.Refused.class);
    }
    assertThat(tokens.read(token.substring(0, 54))).isEqualTo(new CursorReading.Refused(Flaw.WRONG_LENGTH));
  }

  @Test
  void aSecondSpellingOfTheSameBytesIsRefused() {
    String token = tokens.encode(cursor);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    // The last of 55 characters carries 4 bits of the token and 2 bits that must be zero.
    char last = token.charAt(54);
    String twin = token.substring(0, 54) + alphabet.charAt(alphabet.indexOf(last) | 1);
    assertThat(Base64.getUrlDecoder().decode(twin)).isEqualTo(Base64.getUrlDecoder().decode(token));

    assertThat(tokens.read(twin)).isEqualTo(new CursorReading.Refused(Flaw.NOT_BASE64URL));
  }

  @Test
  void anUnknownVersionIsRefused() {
    byte[] bytes = Base64.getUrlDecoder().decode(tokens.encode(cursor));
    bytes[0] = 2;
    assertThat(tokens.read(URL.encodeToString(bytes))).isEqualTo(new CursorReading.Refused(Flaw.UNKNOWN_VERSION));
  }

  @ParameterizedTest
  @ValueSource(strings = {"!!!", "bm9wZQ", "nope", "a b", "abc+def/", "AAAA====", "ÀÉÎ", "%00", "1.f81d4fae-7dec-11d0-a765-00a0c91e6bf6"})
  void garbageIsRefused(String text) {
    assertThat(tokens.read(text)).isInstanceOf(CursorReading.Refused.class);
  }

  @Test
  void theCursorFormatBeforeSigningIsRefused() {
    String unsigned = URL.encodeToString(("1773500966535897." + cursor.id()).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    assertThat(tokens.read(unsigned)).isEqualTo(new CursorReading.Refused(Flaw.WRONG_LENGTH));
    assertThat(tokens.read("")).isEqualTo(new CursorReading.Refused(Flaw.EMPTY));
  }

  @Test
  void evenACorrectlySignedTokenIsRefusedWhenAFieldIsOutOfRange() {
    UUID id = UUID.randomUUID();
    assertThat(tokens.read(tokens.encode(new Cursor(Instant.parse("+10000-01-01T00:00:00Z"), id))))
        .isEqualTo(new CursorReading.Refused(Flaw.TIME_OUT_OF_RANGE));
    assertThat(tokens.read(tokens.encode(new Cursor(Instant.parse("1969-12-31T23:59:59.999999Z"), id))))
        .isEqualTo(new CursorReading.Refused(Flaw.TIME_OUT_OF_RANGE));
    assertThat(tokens.read(tokens.encode(new Cursor(cursor.createdAt(), new UUID(0, 0)))))
        .isEqualTo(new CursorReading.Refused(Flaw.NOT_A_TOURIST_ID));
    UUID timeBased = UUID.fromString("f81d4fae-7dec-11d0-a765-00a0c91e6bf6"); // version 1
    assertThat(tokens.read(tokens.encode(new Cursor(cursor.createdAt(), timeBased))))
        .isEqualTo(new CursorReading.Refused(Flaw.NOT_A_TOURIST_ID));

    for (Instant edge : new Instant[] {CursorTokens.EARLIEST, CursorTokens.LATEST}) {
      assertThat(tokens.read(tokens.encode(new Cursor(edge, id)))).isEqualTo(new CursorReading.Valid(new Cursor(edge, id)));
    }
  }

  @Test
  void containersWithTheKeyFromTheEnvironmentReadEachOthersCursors() {
    CursorTokens one = CursorTokens.fromEnvironment(Map.of(CursorTokens.KEY_VARIABLE, KEY));
    CursorTokens other = CursorTokens.fromEnvironment(Map.of(CursorTokens.KEY_VARIABLE, KEY));

    assertThat(one.shared()).isTrue();
    assertThat(other.read(one.encode(cursor))).isEqualTo(new CursorReading.Valid(cursor));
    assertThat(tokens.read(one.encode(cursor))).isEqualTo(new CursorReading.Refused(Flaw.NOT_SIGNED_HERE));
  }

  @Test
  void withoutAKeyEachContainerMakesUpItsOwn() {
    assertThat(CursorTokens.fromEnvironment(Map.of()).shared()).isFalse();
    assertThat(CursorTokens.fromEnvironment(Map.of(CursorTokens.KEY_VARIABLE, "")).shared()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"c2hvcnQ=", "not base64 at all!", "a2V5LWtleS1rZXkta2V5LWtleS1rZXkta2V5LWtleS0=\n", "true"})
  void aKeyThatIsNotAKeyFailsInsteadOfBeingReplaced(String value) {
    InvalidSettingException e = catchThrowableOfType(InvalidSettingException.class,
        () -> CursorTokens.fromEnvironment(Map.of(CursorTokens.KEY_VARIABLE, value)));

    assertThat(e.setting()).isEqualTo(CursorTokens.KEY_VARIABLE);
    assertThat(e.getMessage()).contains("openssl rand -base64 32").doesNotContain(value.strip());
  }
}
