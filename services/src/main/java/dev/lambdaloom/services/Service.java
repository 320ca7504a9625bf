package dev.lambdaloom.services;

/** An embedded service {@link EmbeddedServices} can start, in the order they are listed to users. */
public enum Service {
  S3("S3 (S3Mock)"),
  DYNAMODB("DynamoDB Local"),
  SQS("SQS (ElasticMQ)"),
  POSTGRES("PostgreSQL"),
  KINESIS("Kinesis (KinesisLocal)"),
  SECRETSMANAGER("Secrets Manager (SecretsManagerLocal)");

  private final String title;

  Service(String title) {
    this.title = title;
  }

  /** What users call it, e.g. "DynamoDB Local". */
  public String title() {
    return title;
  }
}
