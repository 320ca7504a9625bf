package dev.lambdaloom.functions.hello;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Hello's answer.
 *
 * @param message the greeting
 * @param invocation how many invocations this container has served, this one included (1: a cold start)
 * @param functionName the function's name, from its context
 * @param memoryLimitMb its memory size, from its context
 */
record HelloAnswer(String message, long invocation, String functionName, int memoryLimitMb) {

  static HelloAnswer of(String name, long invocation, String functionName, int memoryLimitMb) {
    return new HelloAnswer(Greeting.of(name), invocation, functionName, memoryLimitMb);
  }

  boolean coldStart() {
    return invocation == 1;
  }

  /** {@code {"message", "coldStart", "invocationsInThisContainer", "functionName", "memoryLimitMb"}}. */
  void write(JsonFactory json, OutputStream output) throws IOException {
    try (JsonGenerator generator = json.createGenerator(output)) {
      generator.writeStartObject();
      generator.writeStringField("message", message);
      generator.writeBooleanField("coldStart", coldStart());
      generator.writeNumberField("invocationsInThisContainer", invocation);
      generator.writeStringField("functionName", functionName);
      generator.writeNumberField("memoryLimitMb", memoryLimitMb);
      generator.writeEndObject();
    }
  }
}
