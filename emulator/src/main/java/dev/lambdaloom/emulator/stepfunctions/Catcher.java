package dev.lambdaloom.emulator.stepfunctions;

/**
 * One entry of a state's Catch: the errors it takes, where the error output {@code {"Error", "Cause"}} goes in the
 * state's raw input (ResultPath; {@code $} by default: it replaces the input), and the state that goes on.
 */
record Catcher(ErrorNames errors, PathField resultPath, String next) {}
