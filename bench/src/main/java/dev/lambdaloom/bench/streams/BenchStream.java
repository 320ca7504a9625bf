package dev.lambdaloom.bench.streams;

import dev.lambdaloom.emulator.events.ShardSource;

/** One stream (or table's stream) the benchmark made on a backend. */
record BenchStream(StreamBackend backend, String name, String arn) {
  static BenchStream create(StreamBackend backend, String name) {
    return new BenchStream(backend, name, backend.create(name));
  }

  /** A new reader of it; it holds nothing of its own (the backend's clients), so it needs no closing. */
  ShardSource source() {
    return backend.source(name, arn);
  }
}
