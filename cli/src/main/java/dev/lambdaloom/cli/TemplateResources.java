package dev.lambdaloom.cli;

import dev.lambdaloom.emulator.template.SamTemplate;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Creates on the local services the tables, buckets, streams and queues a template declares (AWS::DynamoDB::Table with
 * its keys and StreamSpecification, AWS::S3::Bucket, AWS::Kinesis::Stream with its ShardCount, AWS::SQS::Queue), so that the functions and
 * their event source mappings find what they would find on AWS. Each is created with the name the template gives it
 * (its TableName, BucketName, Name), or its logical id; one that exists already is left as it is.
 */
final class TemplateResources {
  private static final StaticCredentialsProvider PLACEHOLDER =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("lambdaloom", "lambdaloom"));

  private TemplateResources() {}

  /** Creates what the given endpoints can hold; returns one line per resource created. */
  static List<String> create(SamTemplate template, Optional<URI> dynamodb, Optional<URI> s3, Optional<URI> kinesis,
      Optional<URI> sqs) {
    List<String> created = new ArrayList<>();
    for (Map.Entry<String, Map<String, Object>> resource : template.resources().entrySet()) {
      String type = String.valueOf(resource.getValue().get("Type"));
      Map<?, ?> properties = resource.getValue().get("Properties") instanceof Map<?, ?> p ? p : Map.of();
      switch (type) {
        case "AWS::DynamoDB::Table" -> dynamodb.ifPresent(endpoint -> {
          String name = name(properties, "TableName", resource.getKey());
          if (table(endpoint, name, properties)) {
            created.add("table " + name);
          }
        });
        case "AWS::S3::Bucket" -> s3.ifPresent(endpoint -> {
          String name = bucketName(resource.getKey(), properties);
          try (S3Client client = S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
              .forcePathStyle(true).credentialsProvider(PLACEHOLDER).httpClient(UrlConnectionHttpClient.create())
              .build()) {
            if (client.listBuckets().buckets().stream().noneMatch(b -> b.name().equals(name))) {
              client.createBucket(b -> b.bucket(name));
              created.add("bucket " + name);
            }
          }
        });
        case "AWS::Kinesis::Stream" -> kinesis.ifPresent(endpoint -> {
          String name = name(properties, "Name", resource.getKey());
          int shards = properties.get("ShardCount") == null ? 1
              : Integer.parseInt(String.valueOf(properties.get("ShardCount")));
          try (KinesisClient client = KinesisClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
              .credentialsProvider(PLACEHOLDER).httpClient(UrlConnectionHttpClient.create()).build()) {
            if (!client.listStreams().streamNames().contains(name)) {
              client.createStream(b -> b.streamName(name).shardCount(shards));
              created.add("stream " + name + " (" + shards + " shards)");
            }
          }
        });
        case "AWS::SQS::Queue" -> sqs.ifPresent(endpoint -> {
          String name = name(properties, "QueueName", resource.getKey());
          try (SqsClient client = SqsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
              .credentialsProvider(PLACEHOLDER).httpClient(UrlConnectionHttpClient.create()).build()) {
            client.createQueue(b -> b.queueName(name));
            created.add("queue " + name);
          }
        });
        default -> { }
      }
    }
    return created;
  }

  private static boolean table(URI endpoint, String name, Map<?, ?> properties) {
    List<KeySchemaElement> keys = new ArrayList<>();
    if (properties.get("KeySchema") instanceof List<?> schema) {
      for (Object element : schema) {
        Map<?, ?> key = (Map<?, ?>) element;
        keys.add(KeySchemaElement.builder().attributeName(String.valueOf(key.get("AttributeName")))
            .keyType(String.valueOf(key.get("KeyType"))).build());
      }
    }
    List<AttributeDefinition> attributes = new ArrayList<>();
    if (properties.get("AttributeDefinitions") instanceof List<?> definitions) {
      for (Object element : definitions) {
        Map<?, ?> definition = (Map<?, ?>) element;
        attributes.add(AttributeDefinition.builder().attributeName(String.valueOf(definition.get("AttributeName")))
            .attributeType(String.valueOf(definition.get("AttributeType"))).build());
      }
    }
    if (keys.isEmpty()) {
      throw new UserFacingException("the template's table " + name + " has no KeySchema");
    }
    try (DynamoDbClient client = DynamoDbClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
        .credentialsProvider(PLACEHOLDER).httpClient(UrlConnectionHttpClient.create()).build()) {
      client.createTable(b -> {
        b.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST).keySchema(keys).attributeDefinitions(attributes);
        if (properties.get("StreamSpecification") instanceof Map<?, ?> stream) {
          b.streamSpecification(s -> s.streamEnabled(true)
              .streamViewType(StreamViewType.fromValue(String.valueOf(stream.get("StreamViewType")))));
        }
      });
      return true;
    } catch (ResourceInUseException e) {
      return false;
    }
  }

  /**
   * The local name of a bucket: its BucketName, else its logical id in lower case (bucket names have no capitals;
   * CloudFormation also makes one up from the logical id). A function's variable that refers to the bucket with !Ref
   * gets the logical id as it is, so a command that creates the bucket gives the function this name.
   */
  static String bucketName(String logicalId, Map<?, ?> properties) {
    return name(properties, "BucketName", logicalId).toLowerCase(java.util.Locale.ROOT);
  }

  private static String name(Map<?, ?> properties, String property, String logicalId) {
    Object name = properties.get(property);
    return name instanceof String s && !s.isBlank() ? s : logicalId;
  }
}
