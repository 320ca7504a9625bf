package dev.lambdaloom.functions.tourist.adapter.jdbc;

/**
 * {@link SingleConnection#tryOpen()} running on a thread of its own, started by
 * {@link SingleConnection#openInBackground()}, so that init does other work meanwhile: a login is mostly waiting (the
 * TCP handshake, the server starting a backend, SCRAM's round trips), and Lambda runs init on two vCPUs. Whoever starts
 * one joins it ({@link #await()} or {@link #join()}) before init ends: no thread outlives the init that made it.
 * The connection itself needs no hand-over: {@link SingleConnection} guards it with its lock, so work that asks for
 * it meanwhile waits for the attempt, or makes its own when the attempt failed.
 */
public final class ConnectionOpening {
  private final Thread thread;
  /** Written by the thread before it ends, read after {@link Thread#join()}, which orders the two. */
  private boolean opened;
  /** What {@code tryOpen} threw beyond an unreachable database (an unreadable secret): the init's to fail with. */
  private Throwable failure;

  private ConnectionOpening(SingleConnection connection) {
    this.thread = Thread.ofPlatform().name("database-login").unstarted(() -> {
      try {
        opened = connection.tryOpen();
      } catch (RuntimeException | Error e) { // rethrown by await(), on the thread that waits
        failure = e;
      }
    });
  }

  static ConnectionOpening start(SingleConnection connection) {
    ConnectionOpening opening = new ConnectionOpening(connection);
    opening.thread.start();
    return opening;
  }

  /**
   * Waits for the attempt (bounded by the connect and login timeouts) and says whether the connection is open; false
   * when the database is out of reach, as {@link SingleConnection#tryOpen()} says it.
   *
   * @throws RuntimeException what {@code tryOpen} threw besides, as it threw it (an invalid secret fails the init)
   */
  public boolean await() {
    join();
    if (failure instanceof RuntimeException e) {
      throw e;
    }
    if (failure instanceof Error e) {
      throw e;
    }
    return opened;
  }

  /** Waits for the thread to end, whatever the attempt gave; an interrupt is kept for the caller to see. */
  public void join() {
    boolean interrupted = false;
    while (true) {
      try {
        thread.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true; // the attempt ends by itself within its timeouts: wait for it, then say so
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
