package dev.lambdaloom.functions.tourist.adapter.jdbc;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * A database secret's value as RDS writes it: a JSON object with {@code username} and {@code password} (what an
 * RDS-managed master user secret holds), and {@code host}, {@code port}, {@code dbname} when the secret was made for
 * rotation. Other fields ({@code engine}, {@code dbInstanceIdentifier}...) are skipped.
 *
 * @param host the server, or null when the secret names none
 * @param port the port, or 0 when the secret names none
 * @param dbname the database, or null when the secret names none
 */
public record DatabaseSecret(String username, String password, String host, int port, String dbname) {
  private static final JsonFactory JSON = new JsonFactory();

  /**
   * Reads {@code value}; {@code secretId} only names the secret in errors, which never quote the value.
   *
   * @throws InvalidSecretException when it is not such an object
   */
  public static DatabaseSecret parse(String value, String secretId) {
    String username = null;
    String password = null;
    String host = null;
    String dbname = null;
    int port = 0;
    try (JsonParser parser = JSON.createParser(value)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw invalid(secretId, "its value is not a JSON object");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken token = parser.nextToken();
        switch (field) {
          case "username" -> username = text(parser, token, secretId, field);
          case "password" -> password = text(parser, token, secretId, field);
          case "host" -> host = text(parser, token, secretId, field);
          case "dbname" -> dbname = text(parser, token, secretId, field);
          case "port" -> port = port(parser, token, secretId);
          default -> parser.skipChildren();
        }
      }
    } catch (IOException e) {
      // Jackson's message quotes the text around the error: part of the value, so only its position is told.
      throw new InvalidSecretException("the database secret " + secretId + " is not valid JSON (at "
          + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j && j.getLocation() != null
              ? "character " + j.getLocation().getCharOffset() : "an unknown place")
          + "); store {\"username\": ..., \"password\": ...} as RDS does");
    }
    if (username == null || username.isEmpty() || password == null || password.isEmpty()) {
      throw invalid(secretId, "it has no " + (username == null || username.isEmpty() ? "username" : "password"));
    }
    return new DatabaseSecret(username, password, host, port, dbname);
  }

  /** The JDBC URL the secret describes (5432 and postgres when it names no port or database), or null without host. */
  public String jdbcUrl() {
    if (host == null || host.isEmpty()) {
      return null;
    }
    return "jdbc:postgresql://" + host + ":" + (port == 0 ? 5432 : port) + "/"
        + (dbname == null || dbname.isEmpty() ? "postgres" : dbname);
  }

  private static String text(JsonParser parser, JsonToken token, String secretId, String field) throws IOException {
    if (token != JsonToken.VALUE_STRING) {
      throw invalid(secretId, "its " + field + " is not a string");
    }
    return parser.getText();
  }

  private static int port(JsonParser parser, JsonToken token, String secretId) throws IOException {
    String text = parser.getText();
    try {
      int port = switch (token) {
        case VALUE_NUMBER_INT -> parser.getIntValue();
        case VALUE_STRING -> Integer.parseInt(text.trim()); // RDS's rotation templates write it either way
        default -> -1;
      };
      if (port < 1 || port > 65_535) {
        throw invalid(secretId, "its port is not a number in 1..65535");
      }
      return port;
    } catch (NumberFormatException e) {
      throw new InvalidSecretException("the database secret " + secretId + " is not a database login: its port is"
          + " not a number in 1..65535", e);
    }
  }

  private static InvalidSecretException invalid(String secretId, String why) {
    return new InvalidSecretException("the database secret " + secretId + " is not a database login: " + why
        + "; store {\"username\": ..., \"password\": ...} (and host, port, dbname if DB_URL is empty) as RDS does");
  }

  @Override
  public String toString() {
    return "DatabaseSecret[username=" + username + ", password=***, host=" + host + ", port=" + port + ", dbname="
        + dbname + "]";
  }
}
