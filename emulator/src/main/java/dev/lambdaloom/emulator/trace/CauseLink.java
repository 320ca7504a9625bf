package dev.lambdaloom.emulator.trace;

/**
 * One "this invocation caused that one" the ledger can show, by the two invocations' segment ids.
 *
 * @param from the causing invocation's Parent (segment id)
 * @param to the caused invocation's Parent
 * @param kind how: {@code invoke-api}, {@code async-retry}, {@code stream-write}
 * @param inferred true when the emulator could not see the cause and guessed it (a stream record's writer)
 */
public record CauseLink(String from, String to, String kind, boolean inferred) {}
