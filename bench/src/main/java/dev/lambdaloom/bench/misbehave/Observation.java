package dev.lambdaloom.bench.misbehave;

/**
 * One misbehaving call and the call after it.
 *
 * @param misbehaviour what the call did
 * @param repeat 1-based
 * @param errorType the error document's errorType; null when the call answered
 * @param errorMessage its errorMessage, with the call's request id written as {@code <id>}; null when answered
 * @param detectMs from the invoke to its error (or answer), as the caller waits for it
 * @param durationMs the REPORT line's Duration
 * @param maxMemoryUsedMb the REPORT line's Max Memory Used
 * @param reportStatus the REPORT line's Status (timeout, error), or empty when the runtime answered
 * @param nextCall how the next call went
 * @param nextCallMs the next call's round trip
 */
public record Observation(Misbehaviour misbehaviour, int repeat, String errorType, String errorMessage,
    double detectMs, double durationMs, long maxMemoryUsedMb, String reportStatus, NextCall nextCall,
    double nextCallMs) {}
