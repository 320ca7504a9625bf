package dev.lambdaloom.bench.coldstart;

/**
 * One forced cold start.
 *
 * @param firstResponseMs process start to first response: Init Duration plus the first invocation's Duration
 * @param initMs Init Duration from the REPORT line
 * @param firstDurationMs the first invocation's Duration
 * @param maxMemoryMb Max Memory Used from the REPORT line
 * @param errorType the first invocation's errorType when the event was rejected, else null
 * @param aot for the custom runtime, whether its AOT cache was used
 */
record ColdRun(double firstResponseMs, double initMs, double firstDurationMs, long maxMemoryMb, String errorType,
    AotStatus aot) {}
