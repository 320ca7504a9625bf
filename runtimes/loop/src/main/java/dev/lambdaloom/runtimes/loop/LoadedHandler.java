package dev.lambdaloom.runtimes.loop;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/**
 * The function's handler, loaded and instantiated once at init: a {@link RequestStreamHandler} gets the event's bytes
 * as they came; a {@link RequestHandler} gets them deserialized, and its answer serialized, by AWS's serialization
 * library with the rule AWS's client applies (Lambda's event classes with their customizations, anything else with
 * its Jackson), so a function answers alike under either loop. Handlers that are a method of a class implementing
 * neither interface need AWS's client (the custom runtime's default loop).
 */
sealed interface LoadedHandler {

  byte[] invoke(byte[] event, Context context) throws Exception;

  /** A handler that takes and gives raw bytes. */
  record Stream(RequestStreamHandler handler) implements LoadedHandler {
    @Override
    public byte[] invoke(byte[] event, Context context) throws IOException {
      ByteArrayOutputStream output = new ByteArrayOutputStream();
      handler.handleRequest(new ByteArrayInputStream(event), output, context);
      return output.toByteArray();
    }
  }

  /** A handler of typed events: its serializers are resolved at init, so the first invocation only runs them. */
  record Typed(RequestHandler<Object, Object> handler, PojoSerializer<Object> input, PojoSerializer<Object> output)
      implements LoadedHandler {
    @Override
    public byte[] invoke(byte[] event, Context context) {
      Object answer = handler.handleRequest(input.fromJson(new ByteArrayInputStream(event)), context);
      ByteArrayOutputStream json = new ByteArrayOutputStream();
      output.toJson(answer, json);
      return json.toByteArray();
    }
  }

  /**
   * Loads {@code package.Class} or {@code package.Class::handleRequest} through the system class loader (the class
   * path the bootstrap sets: the AOT cache only serves classes from there).
   *
   * @throws ReflectiveOperationException the class is missing or cannot be made (its message names it); what its
   *     constructor or static initializer threw is thrown as it was
   * @throws IllegalArgumentException the class or method is not one this loop can call
   */
  static LoadedHandler load(String spec) throws ReflectiveOperationException {
    int separator = spec.indexOf("::");
    String className = (separator < 0 ? spec : spec.substring(0, separator)).trim();
    String method = separator < 0 ? "handleRequest" : spec.substring(separator + 2).trim();
    Class<?> type = Class.forName(className, true, ClassLoader.getSystemClassLoader());
    boolean stream = RequestStreamHandler.class.isAssignableFrom(type);
    boolean typed = RequestHandler.class.isAssignableFrom(type);
    if (!method.equals("handleRequest") || !(stream || typed)) {
      throw new IllegalArgumentException("the lean runtime loop calls handleRequest of a RequestStreamHandler or a "
          + "RequestHandler; " + spec + " is neither. Fix: implement one of them, or build this function's custom "
          + "runtime with AWS's runtime interface client (the default loop)");
    }
    Object instance;
    try {
      instance = type.getDeclaredConstructor().newInstance();
    } catch (InvocationTargetException e) {
      // what the constructor threw is the error to report, as AWS's client reports it
      switch (e.getCause()) {
        case RuntimeException cause -> throw cause;
        case Error cause -> throw cause;
        case null, default -> throw e;
      }
    }
    if (stream) {
      return new Stream((RequestStreamHandler) instance);
    }
    Type[] types = handlerTypes(type);
    @SuppressWarnings("unchecked")
    RequestHandler<Object, Object> handler = (RequestHandler<Object, Object>) instance;
    return new Typed(handler, serializer(types[0]), serializer(types[1]));
  }

  /** RequestHandler's I and O as the class binds them; Object where it leaves one open. */
  private static Type[] handlerTypes(Class<?> type) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      for (Type implemented : c.getGenericInterfaces()) {
        if (implemented instanceof ParameterizedType parameterized
            && parameterized.getRawType() == RequestHandler.class) {
          Type[] arguments = parameterized.getActualTypeArguments();
          return new Type[] {concrete(arguments[0]), concrete(arguments[1])};
        }
      }
    }
    return new Type[] {Object.class, Object.class};
  }

  private static Type concrete(Type type) {
    return type instanceof Class<?> || type instanceof ParameterizedType ? type : Object.class;
  }

  @SuppressWarnings("unchecked")
  private static PojoSerializer<Object> serializer(Type type) {
    if (type instanceof Class<?> c && LambdaEventSerializers.isLambdaSupportedEvent(c.getName())) {
      return LambdaEventSerializers.serializerFor((Class<Object>) c, ClassLoader.getSystemClassLoader());
    }
    return JacksonFactory.getInstance().getSerializer(type);
  }
}
