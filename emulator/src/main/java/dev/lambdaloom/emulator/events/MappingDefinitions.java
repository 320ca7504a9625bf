package dev.lambdaloom.emulator.events;

import dev.lambdaloom.emulator.template.FunctionConfig;
import dev.lambdaloom.emulator.template.TemplateException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The event source mappings the functions of a template declare in their {@code Events}. */
public final class MappingDefinitions {
  private MappingDefinitions() {}

  /**
   * Every event of type DynamoDB, Kinesis, SQS or SNS, in template order, validated; other event types (HttpApi,
   * Schedule...) are not mappings and are skipped.
   */
  public static List<MappingConfig> of(Collection<FunctionConfig> functions) {
    List<MappingConfig> mappings = new ArrayList<>();
    for (FunctionConfig function : functions) {
      for (Map.Entry<String, Object> event : function.events().entrySet()) {
        String where = function.name() + ".Events." + event.getKey();
        if (!(event.getValue() instanceof Map<?, ?> definition)) {
          throw new TemplateException(where + ": must be a mapping with Type and Properties");
        }
        SourceKind kind = SourceKind.ofSamType(String.valueOf(definition.get("Type")));
        if (kind == null) {
          continue;
        }
        Map<?, ?> properties = definition.get("Properties") instanceof Map<?, ?> p ? p : Map.of();
        String sourceProperty = switch (kind) {
          case DYNAMODB, KINESIS -> "Stream";
          case SQS -> "Queue";
          case SNS -> "Topic";
        };
        if (!(properties.get(sourceProperty) instanceof String arn) || !arn.startsWith("arn:")) {
          throw new TemplateException(where + ".Properties." + sourceProperty + ": must be the "
              + kind.samType() + " source's ARN (for example !GetAtt Resource."
              + (kind == SourceKind.DYNAMODB ? "StreamArn" : "Arn") + "), not " + properties.get(sourceProperty));
        }
        MappingSettings settings = new MappingSettingsReader(kind, properties, where + ".Properties").read();
        String uuid = UUID.nameUUIDFromBytes((function.name() + "/" + event.getKey())
            .getBytes(StandardCharsets.UTF_8)).toString();
        mappings.add(new MappingConfig(uuid, event.getKey(), function.name(), kind, arn, settings));
      }
    }
    return List.copyOf(mappings);
  }
}
