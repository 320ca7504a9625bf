package dev.lambdaloom.readingformat;

/**
 * What {@link ReadingParser} makes of one document: a valid {@link Reading} or a {@link Rejection}. Switch over it:
 *
 * <pre>{@code
 * switch (parser.parse(body)) {
 *   case Reading reading -> channel.send(reading);
 *   case Rejection rejection -> log(rejection.reason().code(), rejection.detail());
 * }
 * }</pre>
 */
public sealed interface ParseResult permits Reading, Rejection {}
