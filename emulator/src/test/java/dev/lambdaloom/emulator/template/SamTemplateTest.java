package dev.lambdaloom.emulator.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SamTemplateTest {
  @TempDir Path dir;

  private Path write(String yaml) throws IOException {
    return Files.writeString(dir.resolve("template.yaml"), yaml);
  }

  @Test
  void mergesGlobalsAndResolvesShortFormIntrinsics() throws IOException {
    Path file = write("""
        AWSTemplateFormatVersion: '2010-09-09'
        Transform: AWS::Serverless-2016-10-31
        Parameters:
          Stage:
            Type: String
            Default: dev
        Globals:
          Function:
            Runtime: java25
            MemorySize: 512
            Timeout: 30
            Environment:
              Variables:
                STAGE: !Ref Stage
                SHARED: from-globals
        Resources:
          Table:
            Type: AWS::DynamoDB::Table
            Properties:
              TableName: !Sub "workers-${Stage}"
          Bucket:
            Type: AWS::S3::Bucket
          Ingest:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: functions/ingest/target/ingest.zip
              Handler: dev.example.Ingest::handleRequest
              MemorySize: 1024
              ReservedConcurrentExecutions: 3
              Architectures: [arm64]
              Environment:
                Variables:
                  TABLE: !Ref Table
                  TABLE_ARN: !GetAtt Table.Arn
                  BUCKET: !Ref Bucket
                  WHERE: !Sub "${AWS::Region}/${AWS::AccountId}/${Bucket}"
                  JOINED: !Join [",", [a, !Ref Stage]]
          Hello:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: build/hello
              Handler: dev.example.Hello::handleRequest
              Timeout: 5
        """);

    SamTemplate template = SamTemplate.load(file);

    assertThat(template.functions()).containsOnlyKeys("Ingest", "Hello");
    FunctionConfig ingest = template.functions().get("Ingest");
    assertThat(ingest.runtime()).isEqualTo("java25");
    assertThat(ingest.memoryMb()).isEqualTo(1024);
    assertThat(ingest.timeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(ingest.reservedConcurrency()).isEqualTo(3);
    assertThat(ingest.architecture()).isEqualTo("arm64");
    assertThat(ingest.codeUri()).isEqualTo(dir.resolve("functions/ingest/target/ingest.zip"));
    assertThat(ingest.environment()).containsExactly(
        Map.entry("STAGE", "dev"),
        Map.entry("SHARED", "from-globals"),
        Map.entry("TABLE", "workers-dev"),
        Map.entry("TABLE_ARN", "arn:aws:dynamodb:us-east-1:123456789012:table/workers-dev"),
        Map.entry("BUCKET", "Bucket"),
        Map.entry("WHERE", "us-east-1/123456789012/Bucket"),
        Map.entry("JOINED", "a,dev"));

    FunctionConfig hello = template.functions().get("Hello");
    assertThat(hello.memoryMb()).isEqualTo(512);
    assertThat(hello.timeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(hello.reservedConcurrency()).isEqualTo(FunctionConfig.DEFAULT_CONCURRENCY);
    assertThat(hello.architecture()).isEqualTo("x86_64");
  }

  @Test
  void overridesParametersAndEnvironmentLikeSamLocal() throws IOException {
    Path file = write("""
        Parameters:
          Stage:
            Type: String
            Default: dev
        Resources:
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              Runtime: java25
              CodeUri: code
              Handler: a.B::c
              Environment:
                Variables:
                  STAGE: !Ref Stage
                  KEEP: kept
        """);
    Path envVars = Files.writeString(dir.resolve("env.json"), """
        {"Parameters": {"EVERYWHERE": "yes"}, "Fn": {"KEEP": "overridden", "ADDED": 42}}
        """);

    TemplateOverrides overrides = TemplateOverrides.none()
        .withParameters(Map.of("Stage", "prod"))
        .withEnvVarsFile(envVars);
    FunctionConfig fn = SamTemplate.load(file, overrides).functions().get("Fn");

    assertThat(fn.environment()).containsExactly(
        Map.entry("STAGE", "prod"), Map.entry("KEEP", "overridden"),
        Map.entry("EVERYWHERE", "yes"), Map.entry("ADDED", "42"));
    assertThat(fn.memoryMb()).isEqualTo(FunctionConfig.DEFAULT_MEMORY_MB);
    assertThat(fn.timeout()).isEqualTo(FunctionConfig.DEFAULT_TIMEOUT);
  }

  @Test
  void refusesWhatItCannotRunWithAClearMessage() throws IOException {
    assertThatThrownBy(() -> SamTemplate.load(dir.resolve("missing.yaml")))
        .isInstanceOf(TemplateException.class).hasMessageContaining("template not found");

    Path noRuntime = write("""
        Resources:
          Fn:
            Type: AWS::Serverless::Function
            Properties: {CodeUri: code, Handler: a.B::c}
        """);
    assertThatThrownBy(() -> SamTemplate.load(noRuntime))
        .hasMessageContaining("Fn: Runtime is missing");

    Path badMemory = write("""
        Resources:
          Fn:
            Type: AWS::Serverless::Function
            Properties: {Runtime: java25, CodeUri: code, Handler: a.B::c, MemorySize: 64}
        """);
    assertThatThrownBy(() -> SamTemplate.load(badMemory))
        .hasMessageContaining("MemorySize").hasMessageContaining("64 is outside 128..10240");

    Path s3Code = write("""
        Resources:
          Fn:
            Type: AWS::Serverless::Function
            Properties: {Runtime: java25, Handler: a.B::c, CodeUri: {Bucket: b, Key: k}}
        """);
    assertThatThrownBy(() -> SamTemplate.load(s3Code)).hasMessageContaining("CodeUri must be a local");

    Path unknownRef = withFunction("{X: !Ref Nowhere}", "");
    assertThatThrownBy(() -> SamTemplate.load(unknownRef)).hasMessageContaining("unknown parameter or resource 'Nowhere'");

    Path notYaml = write("Resources: [unclosed");
    assertThatThrownBy(() -> SamTemplate.load(notYaml)).hasMessageContaining("cannot read template");
  }

  /** A template of one function Fn with these environment variables, then {@code otherResources}. */
  private Path withFunction(String variables, String otherResources) throws IOException {
    return write("""
        Resources:
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              Runtime: java25
              CodeUri: code
              Handler: a.B::c
              Environment: {Variables: %s}
        """.formatted(variables) + otherResources);
  }

  /** A function whose TABLE is !Ref Table, a Table with {@code tableProperties}, then {@code otherResources}. */
  private Path withTable(String tableProperties, String otherResources) throws IOException {
    return withFunction("{TABLE: !Ref Table}", """
          Table:
            Type: AWS::DynamoDB::Table
            Properties: %s
        """.formatted(tableProperties) + otherResources);
  }

  @Test
  void aNameThatRefersToItselfIsAClearErrorNamingTheCycle() throws IOException {
    Path selfRef = withTable("{TableName: !Ref Table}", "");
    assertThatThrownBy(() -> SamTemplate.load(selfRef)).isInstanceOf(TemplateException.class)
        .hasMessageContaining("circular reference between resource names: Table -> Table");

    Path throughSubAndGetAtt = withTable("{TableName: !Sub \"${Bucket}-table\"}", """
          Bucket:
            Type: AWS::S3::Bucket
            Properties: {BucketName: !Join ["-", [!Select [0, !Split [":", !GetAtt Queue.Arn]], bucket]]}
          Queue:
            Type: AWS::SQS::Queue
            Properties: {QueueName: !Sub ["${T}-queue", {T: !Ref Table}]}
        """);
    assertThatThrownBy(() -> SamTemplate.load(throughSubAndGetAtt)).isInstanceOf(TemplateException.class)
        .hasMessageContaining("Table -> Bucket -> Queue -> Table");
  }

  @Test
  void streamsAndQueuesHaveTheArnsEventSourceMappingsName() throws IOException {
    Path file = withFunction("{WORKERS_STREAM: !GetAtt Workers.StreamArn, READINGS: !GetAtt Readings.Arn, "
        + "FAILED: !GetAtt Failed.Arn}", """
          Workers:
            Type: AWS::DynamoDB::Table
            Properties: {TableName: Workers, StreamSpecification: {StreamViewType: NEW_AND_OLD_IMAGES}}
          Readings:
            Type: AWS::Kinesis::Stream
            Properties: {ShardCount: 2}
          Failed:
            Type: AWS::SQS::Queue
        """);

    assertThat(SamTemplate.load(file).functions().get("Fn").environment()).containsExactly(
        Map.entry("WORKERS_STREAM", "arn:aws:dynamodb:us-east-1:123456789012:table/Workers/stream/1970-01-01T00:00:00.000"),
        Map.entry("READINGS", "arn:aws:kinesis:us-east-1:123456789012:stream/Readings"),
        Map.entry("FAILED", "arn:aws:sqs:us-east-1:123456789012:Failed"));
  }

  @Test
  void aNameMadeFromAnotherResourcesNameIsNoCycle() throws IOException {
    Path chain = withTable("{TableName: !Sub \"${Bucket}-table\"}", """
          Bucket:
            Type: AWS::S3::Bucket
            Properties: {BucketName: data}
        """);
    assertThat(SamTemplate.load(chain).functions().get("Fn").environment()).containsEntry("TABLE", "data-table");
  }

  @Test
  void parametersTakePlainDefaultsOnly() throws IOException {
    Path refDefault = withTable("{TableName: !Ref Stage}", """
        Parameters:
          Stage: {Type: String, Default: !Ref Stage}
        """);
    assertThatThrownBy(() -> SamTemplate.load(refDefault)).isInstanceOf(TemplateException.class)
        .hasMessageContaining("Parameters.Stage.Default must be a plain value");
  }

  @Test
  void aYamlAliasInsideTheNodeItNamesIsRefusedNotFollowedForever() throws IOException {
    Path recursive = withTable("&properties {Nested: *properties}", "");
    assertThatThrownBy(() -> SamTemplate.load(recursive)).isInstanceOf(TemplateException.class)
        .hasMessageContaining("Resources.Table.Properties");
  }

  private static final String DEPLOY_TEMPLATE = """
      Transform: AWS::Serverless-2016-10-31
      Parameters:
        SubnetIds: {Type: CommaDelimitedList, Default: ""}
        SecretArn: {Type: String, Default: ""}
        Stage: {Type: String, Default: dev}
      Conditions:
        HasVpc: !Not [!Equals [!Join ["", !Ref SubnetIds], ""]]
        HasSecret: !Not [!Equals [!Ref SecretArn, ""]]
        Production: !Equals [!Ref Stage, prod]
        SecretInProduction: !And [{Condition: HasSecret}, {Condition: Production}]
        EitherOne: !Or [{Condition: HasVpc}, {Condition: HasSecret}]
      Resources:
        Fn:
          Type: AWS::Serverless::Function
          Properties:
            Runtime: java25
            CodeUri: fn.zip
            Handler: a.B::handleRequest
            AutoPublishAlias: live
            SnapStart: {ApplyOn: PublishedVersions}
            VpcConfig: !If [HasVpc, {SubnetIds: !Ref SubnetIds}, !Ref AWS::NoValue]
            Environment:
              Variables:
                DB_USER: !If [HasSecret, "", postgres]
                SUBNETS: !Join [",", !Ref SubnetIds]
                PRODUCTION_ONLY: !If [SecretInProduction, "yes", !Ref AWS::NoValue]
                EITHER: !If [EitherOne, "yes", "no"]
            Events:
              Api:
                Type: HttpApi
                Properties:
                  Path: /x
                  Method: GET
                  Tags: !If [HasVpc, [vpc], [!Ref AWS::NoValue, plain]]
        OnlyInProduction:
          Type: AWS::Serverless::Function
          Condition: Production
          Properties: {Runtime: java25, CodeUri: fn.zip, Handler: a.B::handleRequest}
      """;

  @Test
  void evaluatesConditionsWithTheirParametersDefaults() throws IOException {
    SamTemplate template = SamTemplate.load(write(DEPLOY_TEMPLATE));

    FunctionConfig fn = template.functions().get("Fn");
    assertThat(fn.environment()).containsExactly(Map.entry("DB_USER", "postgres"), Map.entry("SUBNETS", ""),
        Map.entry("EITHER", "no"));
    assertThat(template.functions()).containsOnlyKeys("Fn");
    @SuppressWarnings("unchecked")
    Map<String, Object> api = (Map<String, Object>) ((Map<String, Object>) fn.events().get("Api")).get("Properties");
    assertThat(api.get("Tags")).isEqualTo(java.util.List.of("plain"));
  }

  @Test
  void evaluatesConditionsWithOverriddenParameters() throws IOException {
    SamTemplate template = SamTemplate.load(write(DEPLOY_TEMPLATE), TemplateOverrides.none()
        .withParameters(Map.of("SubnetIds", "subnet-1,subnet-2", "SecretArn", "arn:x", "Stage", "prod")));

    assertThat(template.functions().get("Fn").environment()).containsExactly(Map.entry("DB_USER", ""),
        Map.entry("SUBNETS", "subnet-1,subnet-2"), Map.entry("PRODUCTION_ONLY", "yes"), Map.entry("EITHER", "yes"));
    assertThat(template.functions()).containsOnlyKeys("Fn", "OnlyInProduction");
  }

  @Test
  void refusesAnUnknownOrCircularCondition() throws IOException {
    Path unknown = Files.writeString(dir.resolve("unknown.yaml"),
        DEPLOY_TEMPLATE.replace("!If [HasSecret,", "!If [NoSuchCondition,"));
    Path circular = Files.writeString(dir.resolve("circular.yaml"), DEPLOY_TEMPLATE.replace(
        "HasVpc: !Not [!Equals [!Join [\"\", !Ref SubnetIds], \"\"]]", "HasVpc: !Not [{Condition: EitherOne}]"));
    assertThatThrownBy(() -> SamTemplate.load(unknown)).isInstanceOf(TemplateException.class)
        .hasMessageContaining("no condition 'NoSuchCondition'");
    assertThatThrownBy(() -> SamTemplate.load(circular)).isInstanceOf(TemplateException.class)
        .hasMessageContaining("in a circle");
  }
}
