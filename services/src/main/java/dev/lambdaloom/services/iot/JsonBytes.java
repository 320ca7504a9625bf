package dev.lambdaloom.services.iot;

import java.util.Arrays;

/** A growable byte buffer that writes ASCII and decimal digits straight to bytes: no JSON tree. */
final class JsonBytes {
  private static final byte[] LONG_MIN = Long.toString(Long.MIN_VALUE).getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private byte[] bytes;
  private int size;

  JsonBytes(int capacity) {
    bytes = new byte[Math.max(16, capacity)];
  }

  JsonBytes ascii(String text) {
    int length = text.length();
    ensure(length);
    for (int i = 0; i < length; i++) {
      bytes[size++] = (byte) text.charAt(i);
    }
    return this;
  }

  JsonBytes digits(long value) {
    if (value == Long.MIN_VALUE) {
      ensure(LONG_MIN.length);
      System.arraycopy(LONG_MIN, 0, bytes, size, LONG_MIN.length);
      size += LONG_MIN.length;
      return this;
    }
    ensure(20);
    if (value < 0) {
      bytes[size++] = '-';
      value = -value;
    }
    int start = size;
    do {
      bytes[size++] = (byte) ('0' + value % 10);
      value /= 10;
    } while (value != 0);
    for (int i = start, j = size - 1; i < j; i++, j--) {
      byte t = bytes[i];
      bytes[i] = bytes[j];
      bytes[j] = t;
    }
    return this;
  }

  int size() {
    return size;
  }

  byte[] toByteArray() {
    return size == bytes.length ? bytes : Arrays.copyOf(bytes, size);
  }

  private void ensure(int more) {
    if (size + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
    }
  }
}
