package dev.lambdaloom.functions.s3probe;

/** One object the listing returned. */
record ListedObject(String key, long size) {}
