package dev.lambdaloom.emulator.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lambdaloom.emulator.template.SamTemplate;
import dev.lambdaloom.emulator.template.TemplateException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** FilterCriteria read from a SAM template: patterns Lambda would refuse fail the load, naming the event. */
class FilterCriteriaTemplateTest {
  @TempDir Path dir;

  private List<MappingConfig> mappings(String type, String sourceProperty, String filterYaml) throws IOException {
    Path file = Files.writeString(dir.resolve("template.yaml"), """
        Transform: AWS::Serverless-2016-10-31
        Resources:
          Worker:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: build/worker
              Handler: dev.example.Worker::handleRequest
              Runtime: java25
              Events:
                Orders:
                  Type: %s
                  Properties:
                    %s
        %s""".formatted(type, sourceProperty, filterYaml.indent(12)));
    return MappingDefinitions.of(SamTemplate.load(file).functions().values());
  }

  private List<MappingConfig> sqsMappings(String filterYaml) throws IOException {
    return mappings("SQS", "Queue: arn:aws:sqs:us-east-1:123456789012:orders", filterYaml);
  }

  @Test
  void keepsValidPatternsWrittenAsJsonTextOrAsYaml() throws IOException {
    List<MappingConfig> mappings = sqsMappings("""
        FilterCriteria:
          Filters:
            - Pattern: '{"body": {"status": ["paid"]}}'
            - Pattern:
                body:
                  total: [{numeric: [">", 100]}]
        """);

    assertThat(mappings.getFirst().settings().filterPatterns())
        .containsExactly("{\"body\": {\"status\": [\"paid\"]}}", "{\"body\":{\"total\":[{\"numeric\":[\">\",100]}]}}");
  }

  @Test
  void refusesAPatternWithAnUnsupportedOperatorNamingTheEventAndTheFilter() throws IOException {
    assertThatThrownBy(() -> sqsMappings("""
        FilterCriteria:
          Filters:
            - Pattern: '{"body": {"status": ["paid"]}}'
            - Pattern: '{"body": {"status": [{"regex": "^pa"}]}}'
        """))
        .isInstanceOf(TemplateException.class)
        .hasMessageStartingWith("Worker.Events.Orders.Properties.FilterCriteria.Filters[1].Pattern: filter pattern ")
        .hasMessageContaining("body.status[0]: unsupported operator \"regex\"")
        .cause().isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesAPatternThatIsNotJson() throws IOException {
    assertThatThrownBy(() -> sqsMappings("""
        FilterCriteria:
          Filters:
            - Pattern: '{"body": {"status": ["paid"]}'
        """))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("Filters[0].Pattern: filter pattern {\"body\": {\"status\": [\"paid\"]}: is not valid"
            + " JSON")
        .hasCauseInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesAKinesisPatternWhoseDataIsNotAnObjectOfFields() throws IOException {
    assertThatThrownBy(() -> mappings("Kinesis", "Stream: arn:aws:kinesis:us-east-1:123456789012:stream/orders",
        """
        StartingPosition: LATEST
        FilterCriteria:
          Filters:
            - Pattern: '{"data": ["paid"]}'
        """))
        .isInstanceOf(TemplateException.class)
        .hasMessage("Worker.Events.Orders.Properties.FilterCriteria.Filters[0].Pattern: the data property of a"
            + " Kinesis filter must be an object of fields ({\"data\": {\"field\": [rules]}}), not [\"paid\"]");
  }

  @Test
  void refusesAnSnsFilterPolicyWithABadNumericRule() throws IOException {
    assertThatThrownBy(() -> mappings("SNS", "Topic: arn:aws:sns:us-east-1:123456789012:orders", """
        FilterPolicy:
          price: [{numeric: [">", "cheap"]}]
        """))
        .isInstanceOf(TemplateException.class)
        .hasMessageStartingWith("Worker.Events.Orders.Properties.FilterPolicy: filter pattern ")
        .hasMessageContaining("price[0].numeric[1]: compares with a number, not \"cheap\"");
  }
}
