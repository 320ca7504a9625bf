package dev.lambdaloom.functions.tourist.adapter.http;

import dev.lambdaloom.functions.tourist.domain.FieldError;
import dev.lambdaloom.functions.tourist.usecase.Cursor;
import dev.lambdaloom.functions.tourist.usecase.TouristService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The query of {@code GET /tourists}, read strictly: {@code limit} in plain digits, {@code cursor}
 * a token this API handed out, nothing else. What is wrong is reported for every parameter at once.
 *
 * @param limit how many tourists a page holds at most
 * @param after where the page starts; null for the first page
 */
record ListQuery(int limit, Cursor after) {
  static final String LIMIT = "limit";
  static final String CURSOR = "cursor";

  private static final Set<String> PARAMETERS = Set.of(LIMIT, CURSOR);
  // One spelling per number: no sign, spaces, leading zeros or non-ASCII digits ("٥" parses in Java).
  private static final Pattern DIGITS = Pattern.compile("[1-9][0-9]{0,2}");

  /** @throws InvalidQueryException listing every parameter that is wrong */
  static ListQuery read(Map<String, String> query, CursorTokens tokens) {
    List<FieldError> errors = new ArrayList<>();
    for (String name : new TreeSet<>(query.keySet())) {
      if (!PARAMETERS.contains(name)) {
        errors.add(new FieldError(name, "is not a parameter of this list; it takes " + LIMIT + " and " + CURSOR));
      }
    }
    int limit = TouristService.DEFAULT_PAGE_SIZE;
    String limitText = query.get(LIMIT);
    if (limitText != null) {
      limit = DIGITS.matcher(limitText).matches() ? Integer.parseInt(limitText) : -1;
      if (limit < 1 || limit > TouristService.MAX_PAGE_SIZE) {
        errors.add(new FieldError(LIMIT, "must be a whole number from 1 to " + TouristService.MAX_PAGE_SIZE
            + ", in digits only"));
      }
    }
    Cursor after = null;
    String cursorText = query.get(CURSOR);
    if (cursorText != null) {
      switch (tokens.read(cursorText)) {
        case CursorReading.Valid valid -> after = valid.cursor();
        case CursorReading.Refused refused -> errors.add(new FieldError(CURSOR, "is not a cursor this API returned: "
            + refused.flaw().description() + "; pass nextCursor of the previous page as it is, or no cursor for the first"));
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidQueryException(errors);
    }
    return new ListQuery(limit, after);
  }
}
