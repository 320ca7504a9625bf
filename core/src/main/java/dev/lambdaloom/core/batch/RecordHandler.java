package dev.lambdaloom.core.batch;

/**
 * Applies one record of a batch. Throwing an {@link Exception} fails that record (and skips the later records of its
 * key); returning normally means it is applied. Called from many virtual threads at once, one key per thread, so a
 * handler shared between keys must be thread-safe.
 */
@FunctionalInterface
public interface RecordHandler<R> {
  void apply(R record) throws Exception;
}
