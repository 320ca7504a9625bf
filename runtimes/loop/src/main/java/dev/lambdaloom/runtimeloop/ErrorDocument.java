package dev.lambdaloom.runtimeloop;

import java.nio.charset.StandardCharsets;

/** Lambda's error document, {errorMessage, errorType, stackTrace}, as the Runtime API takes it. */
record ErrorDocument(String type, String message, StackTraceElement[] stack) {

  static ErrorDocument of(Throwable failure) {
    Throwable shown = failure.getCause() != null && failure instanceof java.lang.reflect.InvocationTargetException
        ? failure.getCause() : failure;
    return new ErrorDocument(shown.getClass().getName(), String.valueOf(shown.getMessage()), shown.getStackTrace());
  }

  byte[] json() {
    StringBuilder json = new StringBuilder("{\"errorMessage\":");
    quote(json, message);
    json.append(",\"errorType\":");
    quote(json, type);
    json.append(",\"stackTrace\":[");
    for (int i = 0; i < stack.length; i++) {
      if (i > 0) {
        json.append(',');
      }
      quote(json, stack[i].toString());
    }
    return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void quote(StringBuilder json, String text) {
    json.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        case '\n' -> json.append("\\n");
        case '\r' -> json.append("\\r");
        case '\t' -> json.append("\\t");
        default -> {
          if (c < 0x20) {
            json.append(String.format("\\u%04x", (int) c));
          } else {
            json.append(c);
          }
        }
      }
    }
    json.append('"');
  }
}
