package dev.lambdaloom.functions.tourist.adapter.jdbc;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

/**
 * Where the database is, who to log in as, and how patient to be with it.
 *
 * @param login the login: as given, or from a Secrets Manager secret
 * @param connectTimeout how long to wait for a connection: short, a function's time is billed
 * @param socketTimeout the longest wait for any answer once connected
 * @param validateAfterIdle after this long unused, check the connection before trusting it
 */
public record DatabaseSettings(LoginSource login, Duration connectTimeout, Duration socketTimeout,
    Duration validateAfterIdle) {

  public static final String URL_VARIABLE = "DB_URL";
  public static final String USER_VARIABLE = "DB_USER";
  public static final String PASSWORD_VARIABLE = "DB_PASSWORD";
  public static final String SECRET_ARN_VARIABLE = "DB_SECRET_ARN";

  /**
   * From the environment. With DB_SECRET_ARN (on AWS) the login is the secret's, and DB_USER and DB_PASSWORD must be
   * empty: the function will not pick one of two logins for the user. DB_URL, when set, still says where to connect
   * (the secret's host, port and dbname are used when it is empty). Without DB_SECRET_ARN (local runs): DB_URL,
   * DB_USER and DB_PASSWORD as given.
   *
   * @param secretReaders makes the container's secret reader; only called when DB_SECRET_ARN is set
   * @throws IllegalStateException on a combination that cannot be served: the init fails, naming the fix
   */
  public static DatabaseSettings fromEnvironment(Map<String, String> environment,
      Function<Map<String, String>, SecretReader> secretReaders, PrintStream log) {
    String url = given(environment, URL_VARIABLE);
    String user = given(environment, USER_VARIABLE);
    String password = given(environment, PASSWORD_VARIABLE);
    String secretArn = given(environment, SECRET_ARN_VARIABLE);
    if (secretArn == null) {
      if (url == null) {
        throw new IllegalStateException(URL_VARIABLE + " is not set: give the function a jdbc:postgresql:// URL, or "
            + SECRET_ARN_VARIABLE + " naming a secret with host, username and password");
      }
      return of(url, user, password);
    }
    if (user != null || password != null) {
      throw new IllegalStateException(SECRET_ARN_VARIABLE + " is set and so is "
          + (user != null ? USER_VARIABLE : PASSWORD_VARIABLE) + ": the login would come from two places. Leave "
          + USER_VARIABLE + " and " + PASSWORD_VARIABLE + " empty to log in with the secret (on AWS), or "
          + SECRET_ARN_VARIABLE + " empty to log in with them (local runs)");
    }
    if (!secretArn.matches("arn:[a-z-]+:secretsmanager:[a-z0-9-]+:\\d{12}:secret:.+")) {
      throw new IllegalStateException(SECRET_ARN_VARIABLE + " must be a secret's ARN"
          + " (arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME-xxxxxx), not '" + secretArn + "'");
    }
    return withDefaults(new SecretLogin(secretArn, url, secretReaders.apply(environment), log));
  }

  public static DatabaseSettings of(String url, String user, String password) {
    return withDefaults(new FixedLogin(new DatabaseLogin(url, user, password)));
  }

  public static DatabaseSettings withDefaults(LoginSource login) {
    return new DatabaseSettings(login, Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(5));
  }

  /** A set, non-blank variable; null otherwise (the template writes "" for "not set"). */
  private static String given(Map<String, String> environment, String name) {
    String value = environment.get(name);
    return value == null || value.isBlank() ? null : value;
  }

  Properties properties(DatabaseLogin as) {
    Properties properties = new Properties();
    if (as.user() != null && !as.user().isBlank()) {
      properties.setProperty("user", as.user());
    }
    if (as.password() != null && !as.password().isBlank()) {
      properties.setProperty("password", as.password());
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
}
