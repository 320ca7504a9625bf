package dev.lambdaloom.services;

import java.util.ArrayList;
import java.util.List;

/**
 * Services a caller started one by one (a benchmark's, a build step's), closed together in reverse order: every one
 * is closed even when one fails to close, and the first failure is thrown with the others suppressed in it.
 * Not thread-safe: one thread starts and closes them.
 */
public final class StartedServices implements AutoCloseable {
  private final List<AutoCloseable> started = new ArrayList<>();

  /** Keeps a service just started, to close with the others; returns it. */
  public <T extends AutoCloseable> T keep(T service) {
    started.add(service);
    return service;
  }

  @Override
  public void close() throws Exception {
    Exception first = null;
    for (AutoCloseable service : started.reversed()) {
      try {
        service.close();
      } catch (Exception e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    started.clear();
    if (first != null) {
      throw first;
    }
  }
}
