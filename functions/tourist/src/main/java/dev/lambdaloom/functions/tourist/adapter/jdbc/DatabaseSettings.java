package dev.lambdaloom.functions.tourist.adapter.jdbc;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/**
 * Where the database is and how patient to be with it.
 *
 * @param url a {@code jdbc:postgresql://} URL
 * @param user the user, or null to take it from the URL
 * @param password the password, or null
 * @param connectTimeout how long to wait for a connection: short, a function's time is billed
 * @param socketTimeout the longest wait for any answer once connected
 * @param validateAfterIdle after this long unused, check the connection before trusting it
 */
public record DatabaseSettings(String url, String user, String password, Duration connectTimeout,
    Duration socketTimeout, Duration validateAfterIdle) {

  public static final String URL_VARIABLE = "DB_URL";
  public static final String USER_VARIABLE = "DB_USER";
  public static final String PASSWORD_VARIABLE = "DB_PASSWORD";

  /** From DB_URL, DB_USER and DB_PASSWORD (locally; on AWS a later issue reads Secrets Manager). */
  public static DatabaseSettings fromEnvironment(Map<String, String> environment) {
    String url = environment.get(URL_VARIABLE);
    if (url == null || url.isBlank()) {
      throw new IllegalStateException(URL_VARIABLE + " is not set: give the function a jdbc:postgresql:// URL");
    }
    return of(url, environment.get(USER_VARIABLE), environment.get(PASSWORD_VARIABLE));
  }

  public static DatabaseSettings of(String url, String user, String password) {
    return new DatabaseSettings(url, user, password, Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(5));
  }

  Properties properties() {
    Properties properties = new Properties();
    if (user != null && !user.isBlank()) {
      properties.setProperty("user", user);
    }
    if (password != null && !password.isBlank()) {
      properties.setProperty("password", password);
    }
    properties.setProperty("connectTimeout", Long.toString(Math.max(1, connectTimeout.toSeconds())));
    properties.setProperty("loginTimeout", Long.toString(Math.max(1, connectTimeout.toSeconds() + 1)));
    properties.setProperty("socketTimeout", Long.toString(Math.max(1, socketTimeout.toSeconds())));
    properties.setProperty("tcpKeepAlive", "true");
    properties.setProperty("ApplicationName", applicationName());
    // Server-side prepared statements from the first execution: a warm container repeats a handful of queries.
    properties.setProperty("prepareThreshold", "1");
    return properties;
  }

  private static String applicationName() {
    String function = System.getenv("AWS_LAMBDA_FUNCTION_NAME");
    return function == null ? "tourist" : function;
  }

  @Override
  public String toString() {
    return "DatabaseSettings[url=" + url + ", user=" + user + ", password=" + (password == null ? "none" : "***") + "]";
  }
}
