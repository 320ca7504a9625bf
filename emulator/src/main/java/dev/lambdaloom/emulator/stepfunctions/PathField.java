package dev.lambdaloom.emulator.stepfunctions;

/**
 * InputPath, OutputPath or ResultPath as written: a path, or JSON null, which means "nothing" (an empty object for
 * InputPath and OutputPath, the result discarded for ResultPath). Absent, each is {@code $}.
 *
 * @param path the path, or null when the field was null
 */
record PathField(JsonPath path) {
  static final PathField WHOLE = new PathField(JsonPath.parse("$"));
  static final PathField NOTHING = new PathField(null);
}
