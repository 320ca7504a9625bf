package dev.lambdaloom.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Least privilege, checked: every statement of every function's (and state machine's) Policies allows named actions
 * (no wildcards) on resources the template declares or takes as parameters, never on {@code *} unless each of its
 * actions is one AWS only grants on {@code *} ({@link #ONLY_ON_ANY}, each with why). SAM's broad policy templates
 * (S3CrudPolicy, DynamoDBCrudPolicy...) are refused: they allow more than any function here calls.
 */
class TemplatePoliciesTest {
  private static final Set<String> HOLDERS = Set.of("AWS::Serverless::Function", "AWS::Serverless::StateMachine");

  /**
   * Actions whose only resource is {@code *}, and why a function here needs them. Empty today: nothing the functions
   * call is of that kind (the network-interface actions a VPC function needs come with the managed policy SAM adds).
   */
  private static final Map<String, String> ONLY_ON_ANY = Map.of();

  /** SAM policy templates scoped to one named resource, and the parameter that names it. */
  private static final Map<String, String> NARROW_TEMPLATES = Map.of("LambdaInvokePolicy", "FunctionName");

  @Test
  void everyStatementNamesDeclaredResources() {
    RootTemplate template = new RootTemplate();
    List<String> problems = new ArrayList<>();
    template.resources().forEach((id, resource) -> {
      if (!HOLDERS.contains(String.valueOf(resource.get("Type")))) {
        return;
      }
      Object policies = RootTemplate.properties(resource).get("Policies");
      if (policies == null) {
        return;
      }
      for (Object policy : policies instanceof List<?> list ? list : List.of(policies)) {
        for (Object branch : RootTemplate.branches(policy)) {
          check(template, id, branch, problems);
        }
      }
    });
    assertThat(problems).isEmpty();
  }

  private static void check(RootTemplate template, String id, Object policy, List<String> problems) {
    if (!(policy instanceof Map<?, ?> map)) {
      problems.add(id + ": policy " + policy + " is a managed policy or template name: write its statements");
      return;
    }
    if (map.size() == 1 && NARROW_TEMPLATES.containsKey(String.valueOf(map.keySet().iterator().next()))) {
      String name = String.valueOf(map.keySet().iterator().next());
      Object parameters = map.get(name);
      Object target = parameters instanceof Map<?, ?> p ? p.get(NARROW_TEMPLATES.get(name)) : null;
      declared(template, id + " " + name, target, problems);
      return;
    }
    if (!(map.get("Statement") instanceof List<?> statements)) {
      problems.add(id + ": policy " + map.keySet() + " is a SAM policy template or has no Statement: write the"
          + " statements with the exact actions the code calls");
      return;
    }
    if (statements.stream().allMatch(RootTemplate::mayBeLeftOut)) {
      problems.add(id + ": every statement of a policy is conditional, so its Statement list may be empty, which IAM"
          + " refuses: put the condition on the whole policy");
    }
    for (Object written : statements) {
      for (Object statement : RootTemplate.branches(written)) {
        checkStatement(template, id, (Map<?, ?>) statement, problems);
      }
    }
  }

  private static void checkStatement(RootTemplate template, String id, Map<?, ?> statement, List<String> problems) {
    List<String> actions = new ArrayList<>();
    Object action = statement.get("Action");
    for (Object a : action instanceof List<?> list ? list : List.of(String.valueOf(action))) {
      actions.add(String.valueOf(a));
    }
    if (!"Allow".equals(statement.get("Effect"))) {
      problems.add(id + ": statement " + actions + " is not an Allow");
    }
    for (String a : actions) {
      if (a.contains("*")) {
        problems.add(id + ": action " + a + " is a wildcard: name the actions the code calls");
      }
    }
    Object resource = statement.get("Resource");
    for (Object r : resource instanceof List<?> list ? list : List.of(resource)) {
      if ("*".equals(r)) {
        if (!ONLY_ON_ANY.keySet().containsAll(actions)) {
          problems.add(id + ": " + actions + " on *: scope them to a declared resource");
        }
        continue;
      }
      declared(template, id + " " + actions, r, problems);
    }
  }

  /** {@code value} refers to one or more things, each a declared resource or parameter. */
  private static void declared(RootTemplate template, String where, Object value, List<String> problems) {
    Set<String> references = RootTemplate.references(value);
    if (references.isEmpty() && template.namedInText(value, Set.of()).isEmpty()) {
      problems.add(where + ": resource " + value + " names no declared resource or parameter (use Ref, GetAtt or Sub)");
    }
    for (String name : references) {
      if (!template.resources().containsKey(name) && !template.parameters().contains(name)) {
        problems.add(where + ": " + name + " is neither a resource nor a parameter of the template");
      }
    }
  }
}
