package dev.lambdaloom.emulator.template;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One {@code AWS::Serverless::StateMachine} of a SAM template: its definition with the template's intrinsic functions
 * resolved and its DefinitionSubstitutions applied, as Step Functions would receive it.
 *
 * @param name logical id in the template; what {@code run-state-machine} calls it
 * @param type STANDARD or EXPRESS, as written (STANDARD when not given)
 * @param definition the Amazon States Language document, as plain maps, lists and scalars
 */
public record StateMachineConfig(String name, String type, Map<String, Object> definition) {
  public StateMachineConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    definition = Collections.unmodifiableMap(new LinkedHashMap<>(definition));
  }
}
