package dev.lambdaloom.runtimeloop;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/**
 * Calls the function's handler: a {@link RequestStreamHandler} gets the bytes as they are, a {@link RequestHandler}
 * its input type read and its output written by AWS's serialization library, as the runtime interface client does.
 * Handlers that implement neither (a plain method named in Handler) need the runtime interface client.
 */
sealed interface HandlerInvoker {
  byte[] invoke(byte[] event, Context context) throws Exception;

  /** Loads and makes the handler named by _HANDLER ({@code package.Class} or {@code package.Class::method}). */
  static HandlerInvoker load(String handler) throws Exception {
    if (handler == null || handler.isBlank()) {
      throw new IllegalArgumentException("_HANDLER is not set: the template's Handler names package.Class::method");
    }
    String className = handler.contains("::") ? handler.substring(0, handler.indexOf("::")) : handler;
    Class<?> type = Class.forName(className, true, HandlerInvoker.class.getClassLoader());
    Object instance = type.getDeclaredConstructor().newInstance();
    return switch (instance) {
      case RequestStreamHandler stream -> new Stream(stream);
      case RequestHandler<?, ?> request -> Pojo.of(request, type);
      default -> throw new IllegalArgumentException(className + " implements neither RequestHandler nor "
          + "RequestStreamHandler: the lean runtime loop only calls those; use the runtime interface client");
    };
  }

  record Stream(RequestStreamHandler handler) implements HandlerInvoker {
    @Override
    public byte[] invoke(byte[] event, Context context) throws Exception {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      handler.handleRequest(new ByteArrayInputStream(event), out, context);
      return out.toByteArray();
    }
  }

  record Pojo(RequestHandler<Object, Object> handler, PojoSerializer<Object> input) implements HandlerInvoker {
    @SuppressWarnings("unchecked")
    static Pojo of(RequestHandler<?, ?> handler, Class<?> type) {
      Type inputType = inputType(type);
      return new Pojo((RequestHandler<Object, Object>) handler, serializer(inputType));
    }

    @Override
    public byte[] invoke(byte[] event, Context context) throws Exception {
      Object result = handler.handleRequest(input.fromJson(new ByteArrayInputStream(event)), context);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      if (result != null) {
        serializer(result.getClass()).toJson(result, out);
      } else {
        out.writeBytes("null".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
      return out.toByteArray();
    }

    @SuppressWarnings("unchecked")
    private static PojoSerializer<Object> serializer(Type type) {
      if (type instanceof Class<?> c && LambdaEventSerializers.isLambdaSupportedEvent(c.getName())) {
        return (PojoSerializer<Object>) LambdaEventSerializers.serializerFor(c, HandlerInvoker.class.getClassLoader());
      }
      return (PojoSerializer<Object>) JacksonFactory.getInstance().getSerializer(type);
    }

    /** The I of RequestHandler<I, O>, looked up the class hierarchy; Object when erased. */
    private static Type inputType(Class<?> type) {
      for (Class<?> c = type; c != null; c = c.getSuperclass()) {
        for (Type implemented : c.getGenericInterfaces()) {
          if (implemented instanceof ParameterizedType p && p.getRawType() == RequestHandler.class) {
            return p.getActualTypeArguments()[0];
          }
        }
      }
      return Object.class;
    }
  }
}
