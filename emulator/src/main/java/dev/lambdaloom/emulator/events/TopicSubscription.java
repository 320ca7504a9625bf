package dev.lambdaloom.emulator.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lambdaloom.emulator.events.filter.FilterInput;
import dev.lambdaloom.emulator.events.filter.RecordFilter;
import dev.lambdaloom.emulator.template.FunctionConfig;
import dev.lambdaloom.emulator.template.TemplateException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A function's subscription to a topic, from an {@code SNS} event: Lambda (the function is invoked asynchronously
 * with an SNSEvent) or, with {@code SqsSubscription: true}, a queue SNS writes to and the function reads through an
 * SQS mapping.
 *
 * @param arn the subscription's ARN (the topic's ARN and a stable id), the records' EventSubscriptionArn
 * @param topicArn the topic
 * @param functionName the function
 * @param eventName the event's name under the function's Events
 * @param filter FilterPolicy; passes everything without one
 * @param bodyScope FilterPolicyScope MessageBody: the policy applies to the message parsed as JSON, not to the
 *     attributes
 * @param queueName with SqsSubscription, the queue SNS writes to (SAM's name: function, event, "Queue")
 */
public record TopicSubscription(String arn, String topicArn, String functionName, String eventName,
    RecordFilter filter, boolean bodyScope, Optional<String> queueName) {
  public TopicSubscription {
    Objects.requireNonNull(arn, "arn");
    Objects.requireNonNull(topicArn, "topicArn");
    Objects.requireNonNull(functionName, "functionName");
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(queueName, "queueName");
  }

  /** Every SNS event of the functions, in template order. */
  public static List<TopicSubscription> of(Collection<FunctionConfig> functions) {
    List<TopicSubscription> subscriptions = new ArrayList<>();
    for (MappingConfig mapping : MappingDefinitions.of(functions)) {
      if (mapping.kind() != SourceKind.SNS) {
        continue;
      }
      FunctionConfig function = functions.stream().filter(f -> f.name().equals(mapping.functionName())).findFirst()
          .orElseThrow();
      Map<?, ?> properties = ((Map<?, ?>) function.events().get(mapping.eventName())).get("Properties")
          instanceof Map<?, ?> p ? p : Map.of();
      String where = function.name() + ".Events." + mapping.eventName() + ".Properties";
      Object scope = properties.get("FilterPolicyScope");
      if (scope != null && !"MessageAttributes".equals(scope) && !"MessageBody".equals(scope)) {
        throw new TemplateException(where + ".FilterPolicyScope: must be MessageAttributes or MessageBody, not "
            + scope);
      }
      Object sqs = properties.get("SqsSubscription");
      Optional<String> queue = Optional.empty();
      if (Boolean.TRUE.equals(sqs) || "true".equals(String.valueOf(sqs))) {
        queue = Optional.of(function.name() + mapping.eventName() + "Queue");
      } else if (sqs instanceof Map<?, ?> given && given.get("QueueArn") instanceof String queueArn) {
        queue = Optional.of(queueArn.substring(queueArn.lastIndexOf(':') + 1));
      } else if (sqs != null && !"false".equals(String.valueOf(sqs))) {
        throw new TemplateException(where + ".SqsSubscription: must be true, false or {QueueArn, QueueUrl}, not "
            + sqs);
      }
      subscriptions.add(new TopicSubscription(mapping.eventSourceArn() + ":" + mapping.uuid(),
          mapping.eventSourceArn(), mapping.functionName(), mapping.eventName(),
          RecordFilter.of(mapping.settings().filterPatterns()), "MessageBody".equals(scope), queue));
    }
    return List.copyOf(subscriptions);
  }

  /** A subscription of a function to a topic with no filter, for callers without a template. */
  public static TopicSubscription toFunction(String topicArn, String functionName) {
    return new TopicSubscription(topicArn + ":" + UUID.nameUUIDFromBytes(functionName.getBytes(StandardCharsets.UTF_8)),
        topicArn, functionName, "Topic", RecordFilter.of(List.of()), false, Optional.empty());
  }

  /** Whether SNS delivers {@code publish} here: its FilterPolicy, on the attributes or on the JSON body. */
  boolean accepts(SnsPublish publish, JsonNode notification) {
    if (filter.passesEverything()) {
      return true;
    }
    if (!bodyScope) {
      return filter.matches(FilterInput.forSns(notification));
    }
    try {
      JsonNode body = Json.MAPPER.readTree(publish.message());
      return body != null && body.isObject() && filter.matches(body);
    } catch (IOException notJson) {
      return false; // a body policy never matches a message that is not a JSON object
    }
  }
}
