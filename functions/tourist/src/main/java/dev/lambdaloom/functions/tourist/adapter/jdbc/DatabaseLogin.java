package dev.lambdaloom.functions.tourist.adapter.jdbc;

/**
 * Where to connect and as whom.
 *
 * @param url a {@code jdbc:postgresql://} URL
 * @param user the user, or null to take it from the URL
 * @param password the password, or null
 */
public record DatabaseLogin(String url, String user, String password) {
  @Override
  public String toString() {
    return "DatabaseLogin[url=" + url + ", user=" + user + ", password=" + (password == null ? "none" : "***") + "]";
  }
}
