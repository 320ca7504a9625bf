package dev.lambdaloom.functions.tourist.adapter.jdbc;

import dev.lambdaloom.functions.tourist.usecase.StoreUnavailableException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The container's one database connection: opened at init, reused by every invocation, checked
 * cheaply (only after it sat idle, when the server or a NAT may have dropped it) and opened again
 * when it broke. One Lambda container runs one event at a time, so a pool would hold one
 * connection anyway: a pool library would add classes to load at cold start and nothing else.
 * The lock only matters to tests that share an instance between threads.
 */
public final class SingleConnection implements AutoCloseable {
  /** Work on the connection. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private final DatabaseSettings settings;
  private final ReentrantLock lock = new ReentrantLock();
  private Connection connection;
  private long lastUsedNanos;
  private int opened;

  public SingleConnection(DatabaseSettings settings) {
    this.settings = settings;
  }

  /** Opens the connection now if it can: at init, so the first request does not pay for it. */
  public boolean tryOpen() {
    lock.lock();
    try {
      current();
      return true;
    } catch (StoreUnavailableException e) {
      return false; // the first request tries again and answers 503 if it must
    } finally {
      lock.unlock();
    }
  }

  /**
   * Starts {@link #tryOpen()} on a thread of its own and returns at once: for init, which has work that needs no
   * database to do while the server answers. The caller joins the returned opening.
   */
  public ConnectionOpening openInBackground() {
    return ConnectionOpening.start(this);
  }

  /**
   * Runs {@code work}. When the connection turns out broken, it is dropped; {@code retryable} work
   * (reads, and writes that cannot apply twice) is then run once more on a new connection.
   *
   * @throws StoreUnavailableException when no working connection can be had
   * @throws SQLException what the work itself failed with, such as a constraint violation
   */
  public <T> T run(boolean retryable, Work<T> work) throws SQLException {
    lock.lock();
    try {
      for (int attempt = 1; ; attempt++) {
        Connection c = current();
        try {
          T result = work.run(c);
          lastUsedNanos = System.nanoTime();
          return result;
        } catch (SQLException e) {
          if (!broken(c, e)) {
            lastUsedNanos = System.nanoTime();
            throw e;
          }
          discard();
          if (!retryable || attempt == 2) {
            throw new StoreUnavailableException("lost the database connection: " + e.getMessage(), e);
          }
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /** How many connections this container has opened: 1 while nothing went wrong. */
  public int opened() {
    return opened;
  }

  private Connection current() {
    if (connection != null && System.nanoTime() - lastUsedNanos > settings.validateAfterIdle().toNanos()) {
      boolean valid;
      try {
        valid = connection.isValid((int) Math.max(1, settings.connectTimeout().toSeconds()));
      } catch (SQLException e) {
        valid = false;
      }
      if (!valid) {
        discard();
      }
    }
    if (connection == null) {
      connection = connect();
      opened++;
      lastUsedNanos = System.nanoTime();
    }
    return connection;
  }

  /**
   * Opens a connection with the current login; when the database refuses its password and the login can be renewed
   * (a secret rotated since it was read), once more with the renewed one.
   */
  private Connection connect() {
    LoginSource logins = settings.login();
    try {
      return open(logins.current());
    } catch (SQLException e) {
      if (!refusedLogin(e) || !logins.renew()) {
        throw new StoreUnavailableException("cannot connect to the database: " + e.getMessage(), e);
      }
      try {
        return open(logins.current());
      } catch (SQLException again) {
        again.addSuppressed(e);
        throw new StoreUnavailableException("cannot connect to the database, with the secret read again too: "
            + again.getMessage(), again);
      }
    }
  }

  private Connection open(DatabaseLogin login) throws SQLException {
    return DriverManager.getConnection(login.url(), settings.properties(login));
  }

  /** 28P01 is invalid_password, 28000 invalid_authorization_specification (no such role, pg_hba refused). */
  private static boolean refusedLogin(SQLException e) {
    return "28P01".equals(e.getSQLState()) || "28000".equals(e.getSQLState());
  }

  /** Class 08 is "connection exception"; 57P0x is the server shutting down or not ready yet. */
  private static boolean broken(Connection c, SQLException e) {
    String state = e.getSQLState();
    if (state != null && (state.startsWith("08") || state.startsWith("57P"))) {
      return true;
    }
    try {
      return c.isClosed();
    } catch (SQLException ignored) {
      return true;
    }
  }

  private void discard() {
    Connection c = connection;
    connection = null;
    if (c != null) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // It is broken already; nothing to save.
      }
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      discard();
    } finally {
      lock.unlock();
    }
  }
}
