package dev.lambdaloom.functions.tourist.adapter.jdbc;

import dev.lambdaloom.functions.tourist.usecase.StoreUnavailableException;
import java.io.PrintStream;

/**
 * The login in a Secrets Manager secret, read once per container (Secrets Manager bills each call and takes tens of
 * milliseconds) and read again only when the database refuses it: after a rotation, the secret holds the new password
 * before the old one stops working. A secret that cannot be read, or is not a login, is not kept: the next request
 * reads it again, so fixing the secret needs no redeploy.
 *
 * <p>Where to connect: DB_URL when it is set (the user's explicit setting wins, and the log says so when the secret
 * names a host too), else the secret's host, port and dbname.
 */
public final class SecretLogin implements LoginSource {
  private final String secretArn;
  private final String explicitUrl;
  private final SecretReader reader;
  private final PrintStream log;
  private DatabaseLogin cached;
  private int reads;

  /**
   * @param explicitUrl DB_URL, or null to connect where the secret says
   * @param log where the choice of URL is told, once per read
   */
  public SecretLogin(String secretArn, String explicitUrl, SecretReader reader, PrintStream log) {
    this.secretArn = secretArn;
    this.explicitUrl = explicitUrl;
    this.reader = reader;
    this.log = log;
  }

  @Override
  public synchronized DatabaseLogin current() {
    if (cached == null) {
      cached = read();
    }
    return cached;
  }

  @Override
  public synchronized boolean renew() {
    cached = null;
    cached = read();
    return true;
  }

  /** How many times the secret was read: once per container while nothing goes wrong. */
  public synchronized int reads() {
    return reads;
  }

  private DatabaseLogin read() {
    reads++;
    String value;
    try {
      value = reader.read(secretArn);
    } catch (InvalidSecretException e) {
      throw new StoreUnavailableException(e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new StoreUnavailableException("cannot read the database secret " + secretArn + ": " + e.getMessage(), e);
    }
    DatabaseSecret secret;
    try {
      secret = DatabaseSecret.parse(value, secretArn);
    } catch (InvalidSecretException e) {
      throw new StoreUnavailableException(e.getMessage(), e);
    }
    String url = explicitUrl;
    if (url == null) {
      url = secret.jdbcUrl();
      if (url == null) {
        throw new StoreUnavailableException("the database secret " + secretArn + " names no host and DB_URL is empty:"
            + " set DB_URL (the template's DbHost parameter) or add host to the secret", null);
      }
    } else if (secret.jdbcUrl() != null && !secret.jdbcUrl().equals(url)) {
      log.println("INFO DB_URL is set, so the function connects to " + url + ", not to the secret's "
          + secret.jdbcUrl() + " (empty DB_URL to use the secret's)");
    }
    return new DatabaseLogin(url, secret.username(), secret.password());
  }
}
