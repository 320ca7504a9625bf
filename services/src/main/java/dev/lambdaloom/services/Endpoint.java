package dev.lambdaloom.services;

import dev.lambdaloom.services.postgres.PostgresServer;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Where a function reaches one started service, and the environment variables that tell it so. */
public sealed interface Endpoint permits Endpoint.Aws, Endpoint.Postgres {
  Service service();

  /** The variables a function needs for this service, in a stable order. */
  Map<String, String> variables();

  /** S3's base URL: the AWS SDKs read it from AWS_ENDPOINT_URL_S3 (clients use path-style addressing). */
  static Aws s3(URI url) {
    return new Aws(Service.S3, "AWS_ENDPOINT_URL_S3", url);
  }

  /** DynamoDB's URL: the AWS SDKs read it from AWS_ENDPOINT_URL_DYNAMODB. */
  static Aws dynamoDb(URI url) {
    return new Aws(Service.DYNAMODB, "AWS_ENDPOINT_URL_DYNAMODB", url);
  }

  /** SQS's URL: the AWS SDKs read it from AWS_ENDPOINT_URL_SQS. */
  static Aws sqs(URI url) {
    return new Aws(Service.SQS, "AWS_ENDPOINT_URL_SQS", url);
  }

  /** Kinesis's URL: the AWS SDKs read it from AWS_ENDPOINT_URL_KINESIS. */
  static Aws kinesis(URI url) {
    return new Aws(Service.KINESIS, "AWS_ENDPOINT_URL_KINESIS", url);
  }

  /** Secrets Manager's URL: the AWS SDKs read it from AWS_ENDPOINT_URL_SECRETS_MANAGER. */
  static Aws secretsManager(URI url) {
    return new Aws(Service.SECRETSMANAGER, "AWS_ENDPOINT_URL_SECRETS_MANAGER", url);
  }

  /** An AWS service's local URL and the variable the AWS SDKs read it from. */
  record Aws(Service service, String variable, URI url) implements Endpoint {
    public Aws {
      Objects.requireNonNull(service, "service");
      Objects.requireNonNull(variable, "variable");
      Objects.requireNonNull(url, "url");
    }

    @Override
    public Map<String, String> variables() {
      return Map.of(variable, url.toString());
    }
  }

  /** A PostgreSQL database and the login for it; {@link #toString()} leaves the password out. */
  record Postgres(String jdbcUrl, String user, String password) implements Endpoint {
    @Override
    public Service service() {
      return Service.POSTGRES;
    }

    @Override
    public Map<String, String> variables() {
      Map<String, String> variables = new LinkedHashMap<>();
      variables.put(PostgresServer.URL_VARIABLE, jdbcUrl);
      variables.put(PostgresServer.USER_VARIABLE, user);
      variables.put(PostgresServer.PASSWORD_VARIABLE, password);
      return variables;
    }

    @Override
    public String toString() {
      return "Postgres[jdbcUrl=" + jdbcUrl + ", user=" + user + ", password=(hidden)]";
    }
  }
}
