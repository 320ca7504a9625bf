package dev.lambdaloom.emulator.events.samples;

import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;

/**
 * Reads an event into a handler's input type as AWS's runtime interface client does for a {@code RequestHandler}
 * (EventHandlerLoader): AWS's event serializers for the event types they support, its plain Jackson factory for
 * other classes.
 */
final class AwsRuntimeReader {
  private AwsRuntimeReader() {}

  static <T> T read(Class<T> type, String json) {
    ClassLoader loader = AwsRuntimeReader.class.getClassLoader();
    if (LambdaEventSerializers.isLambdaSupportedEvent(type.getName())) {
      return LambdaEventSerializers.serializerFor(type, loader).fromJson(json);
    }
    return JacksonFactory.getInstance().getSerializer(type).fromJson(json);
  }
}
