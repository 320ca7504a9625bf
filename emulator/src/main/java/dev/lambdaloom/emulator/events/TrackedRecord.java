package dev.lambdaloom.emulator.events;

/** A record with its read index in its shard, by which the shard's checkpoint knows it. */
record TrackedRecord(long index, ShardRecord record) {}
