package dev.lambdaloom.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every event of every function takes its events from a resource the template declares, of the right type: a stream
 * mapping on a table that is not in the stack, or a subscription to a topic of another name, deploys and then never
 * fires.
 */
class TemplateEventSourcesTest {
  /** Event type: the property naming its source, and the resource types it may name. */
  private record Source(String property, Set<String> types, boolean required) {}

  private static final Map<String, Source> SOURCES = Map.of(
      "DynamoDB", new Source("Stream", Set.of("AWS::DynamoDB::Table"), true),
      "Kinesis", new Source("Stream", Set.of("AWS::Kinesis::Stream"), true),
      "SQS", new Source("Queue", Set.of("AWS::SQS::Queue"), true),
      "SNS", new Source("Topic", Set.of("AWS::SNS::Topic"), true),
      "S3", new Source("Bucket", Set.of("AWS::S3::Bucket"), true),
      // The implicit API when ApiId is left out (SAM's ServerlessHttpApi).
      "HttpApi", new Source("ApiId", Set.of("AWS::Serverless::HttpApi"), false),
      "Api", new Source("RestApiId", Set.of("AWS::Serverless::Api"), false));

  @Test
  void everyEventSourceIsADeclaredResourceOfItsType() {
    RootTemplate template = new RootTemplate();
    List<String> problems = new ArrayList<>();
    template.ofType("AWS::Serverless::Function").forEach((id, function) -> {
      if (!(RootTemplate.properties(function).get("Events") instanceof Map<?, ?> events)) {
        return;
      }
      events.forEach((name, event) -> {
        Map<?, ?> e = (Map<?, ?>) event;
        String where = id + ".Events." + name;
        Source source = SOURCES.get(String.valueOf(e.get("Type")));
        if (source == null) {
          problems.add(where + ": event type " + e.get("Type") + " is not checked here: add it to SOURCES");
          return;
        }
        Object value = e.get("Properties") instanceof Map<?, ?> p ? p.get(source.property()) : null;
        if (value == null) {
          if (source.required()) {
            problems.add(where + ": no " + source.property());
          }
          return;
        }
        check(template, where, value, source, problems);
      });
    });
    assertThat(problems).isEmpty();
  }

  private static void check(RootTemplate template, String where, Object value, Source source, List<String> problems) {
    Set<String> references = RootTemplate.references(value);
    if (references.isEmpty()) {
      // An ARN written out with pseudo parameters only (the SNS topic's): it must name a declared one.
      if (template.namedInText(value, source.types()).isEmpty()) {
        problems.add(where + ": " + value + " names no " + source.types() + " the template declares");
      }
      return;
    }
    for (String reference : references) {
      Map<String, Object> resource = template.resources().get(reference);
      if (resource == null || !source.types().contains(String.valueOf(resource.get("Type")))) {
        problems.add(where + ": " + source.property() + " refers to " + reference + ", which is not a declared "
            + source.types());
      }
    }
  }
}
