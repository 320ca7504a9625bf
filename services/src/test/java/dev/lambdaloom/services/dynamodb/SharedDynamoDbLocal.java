package dev.lambdaloom.services.dynamodb;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands every test class that asks for a {@link DynamoDbLocal} the same one, started on first use and stopped when
 * the test run ends; other modules' tests use it through this module's test jar. Each test works on a table of its
 * own.
 */
public final class SharedDynamoDbLocal implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedDynamoDbLocal.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == DynamoDbLocal.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context.getRoot().getStore(NAMESPACE)
        .computeIfAbsent(DynamoDbLocal.class, type -> DynamoDbLocal.start(), DynamoDbLocal.class);
  }
}
