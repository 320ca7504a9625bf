package dev.lambdaloom.functions.tourist.adapter.http;

import dev.lambdaloom.functions.tourist.usecase.Cursor;

/** What a {@code cursor} query parameter turned out to be: a position this API handed out, or not. */
sealed interface CursorReading {
  record Valid(Cursor cursor) implements CursorReading {}

  record Refused(Flaw flaw) implements CursorReading {}

  /** Why a token is not a cursor, in the order they are checked. */
  enum Flaw {
    EMPTY("it is empty"),
    NOT_BASE64URL("it is not base64url text"),
    WRONG_LENGTH("it has the wrong length (cut short, or with bytes added)"),
    UNKNOWN_VERSION("its format version is unknown"),
    NOT_SIGNED_HERE("its signature does not match (it was altered, or signed by another deployment)"),
    TIME_OUT_OF_RANGE("its time is outside what this API hands out"),
    NOT_A_TOURIST_ID("its id is not a tourist id");

    private final String description;

    Flaw(String description) {
      this.description = description;
    }

    String description() {
      return description;
    }
  }
}
