package dev.lambdaloom.emulator;

import dev.lambdaloom.emulator.template.FunctionConfig;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The fix for the Java runtime client's "Class not found: X" when X is the function's own handler class (a typo in
 * Handler, or a zip built without the class): Lambda says no more, the emulator adds a line to the function's log.
 */
final class HandlerNotFoundHint {
  private static final String NOT_FOUND = "java.lang.ClassNotFoundException";

  private HandlerNotFoundHint() {
  }

  static Optional<String> of(FunctionConfig function, String errorType, byte[] payload) {
    String handler = function.handler();
    if (!NOT_FOUND.equals(errorType) || handler == null || handler.isBlank()) {
      return Optional.empty();
    }
    String handlerClass = handler.contains("::") ? handler.substring(0, handler.indexOf("::")) : handler;
    if (!new String(payload, StandardCharsets.UTF_8).contains(handlerClass)) {
      return Optional.empty(); // a class the handler itself failed to find: the function's own bug, its trace says which
    }
    return Optional.of("[lambdaloom] the handler class " + handlerClass + " is not in " + function.name()
        + "'s code (" + function.codeUri() + ": its root or lib/*.jar; app/*.jar in Lambdaloom's custom runtime). "
        + "Fix: correct Handler in the template (package.Class::method), or rebuild the code (./mvnw package)");
  }

  /** The output with the hint after it, when there is one. */
  static List<String> appendTo(List<String> output, FunctionConfig function, Ending ending) {
    return of(function, ending.errorType(), ending.payload()).map(hint -> {
      List<String> lines = new java.util.ArrayList<>(output);
      lines.add(hint);
      return List.copyOf(lines);
    }).orElse(output);
  }
}
