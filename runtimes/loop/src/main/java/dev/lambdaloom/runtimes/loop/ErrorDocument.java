package dev.lambdaloom.runtimes.loop;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The error body the Runtime API documents, {@code {"errorMessage", "errorType", "stackTrace"}}, shaped as AWS's
 * Java client sends it: the type is the exception's class name, the trace its frames as {@code Class.method(File:line)}.
 *
 * @param errorType what Lambda reports as the error's type (also the Lambda-Runtime-Function-Error-Type header)
 * @param errorMessage the exception's message, or its type when it has none
 * @param stackTrace the frames, outermost cause's last
 */
record ErrorDocument(String errorType, String errorMessage, List<String> stackTrace) {
  /** Enough frames to find the fault; a deep recursion's trace would otherwise fill the 6 MB error body. */
  private static final int MAX_FRAMES = 200;

  ErrorDocument {
    stackTrace = List.copyOf(stackTrace);
  }

  static ErrorDocument of(Throwable error) {
    List<String> frames = new ArrayList<>();
    for (Throwable t = error; t != null && frames.size() < MAX_FRAMES; t = t.getCause() == t ? null : t.getCause()) {
      if (t != error) {
        frames.add("Caused by: " + t);
      }
      for (StackTraceElement frame : t.getStackTrace()) {
        if (frames.size() == MAX_FRAMES) {
          break;
        }
        frames.add(frame.toString());
      }
    }
    String message = error.getMessage();
    return new ErrorDocument(error.getClass().getName(), message == null ? error.getClass().getName() : message, frames);
  }

  byte[] json() {
    StringBuilder json = new StringBuilder(256).append("{\"errorMessage\":");
    quote(json, errorMessage).append(",\"errorType\":");
    quote(json, errorType).append(",\"stackTrace\":[");
    for (int i = 0; i < stackTrace.size(); i++) {
      if (i > 0) {
        json.append(',');
      }
      quote(json, stackTrace.get(i));
    }
    return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
  }

  /** A JSON string (RFC 8259 section 7): quote, backslash and control characters escaped. */
  static StringBuilder quote(StringBuilder json, String text) {
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
    return json.append('"');
  }
}
