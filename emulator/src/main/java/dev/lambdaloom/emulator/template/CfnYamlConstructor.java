package dev.lambdaloom.emulator.template;

import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads CloudFormation's short-form tags ({@code !Ref X}, {@code !Sub "..."}, {@code !GetAtt A.B})
 * into their long form ({@code {Ref: X}}, {@code {Fn::Sub: ...}}, {@code {Fn::GetAtt: [A, B]}}),
 * so the rest of the reader sees one shape only.
 */
final class CfnYamlConstructor extends SafeConstructor {

  CfnYamlConstructor() {
    super(new LoaderOptions());
    // The entry for the null tag handles every tag no other constructor claims.
    yamlConstructors.put(null, new ShortFormIntrinsic());
  }

  private final class ShortFormIntrinsic extends AbstractConstruct {
    @Override
    public Object construct(Node node) {
      String tag = node.getTag().getValue();
      if (!tag.startsWith("!")) {
        throw new TemplateException("unsupported YAML tag " + tag + " " + node.getStartMark());
      }
      String name = tag.substring(1);
      Object value = switch (node) {
        case ScalarNode scalar -> constructScalar(scalar);
        case SequenceNode sequence -> constructSequence(sequence);
        case MappingNode mapping -> constructMapping(mapping);
        default -> throw new TemplateException("unexpected YAML node " + node.getStartMark());
      };
      return switch (name) {
        case "Ref" -> Map.of("Ref", value);
        case "Condition" -> Map.of("Condition", value);
        case "GetAtt" -> Map.of("Fn::GetAtt", value instanceof String s ? splitGetAtt(s) : value);
        default -> Map.of("Fn::" + name, value);
      };
    }
  }

  private static List<String> splitGetAtt(String dotted) {
    int dot = dotted.indexOf('.');
    return dot < 0 ? List.of(dotted) : List.of(dotted.substring(0, dot), dotted.substring(dot + 1));
  }
}
