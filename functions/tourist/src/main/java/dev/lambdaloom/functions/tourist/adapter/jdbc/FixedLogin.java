package dev.lambdaloom.functions.tourist.adapter.jdbc;

/** A login given outright (DB_URL, DB_USER, DB_PASSWORD): nothing to renew when the database refuses it. */
public record FixedLogin(DatabaseLogin login) implements LoginSource {
  @Override
  public DatabaseLogin current() {
    return login;
  }

  @Override
  public boolean renew() {
    return false;
  }
}
