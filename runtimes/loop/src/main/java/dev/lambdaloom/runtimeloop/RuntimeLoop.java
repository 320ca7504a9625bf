package dev.lambdaloom.runtimeloop;

import java.io.IOException;
import java.util.Map;

/**
 * The lean runtime loop: loads the handler (a failure goes to {@code /init/error} and ends the process, as Lambda
 * expects), then forever takes the next event, calls the handler and posts its response or its error. A Runtime API
 * that cannot be reached or refuses {@code next} ends the process (Lambda then reports Runtime.ExitError).
 */
public final class RuntimeLoop {
  private RuntimeLoop() {
  }

  public static void main(String[] args) {
    Map<String, String> environment = System.getenv();
    String api = environment.get("AWS_LAMBDA_RUNTIME_API");
    if (api == null) {
      System.err.println("AWS_LAMBDA_RUNTIME_API is not set: the runtime loop runs inside Lambda or the emulator");
      System.exit(1);
    }
    RuntimeApi runtime = new RuntimeApi(api);
    HandlerInvoker handler;
    try {
      handler = HandlerInvoker.load(args.length > 0 ? args[0] : environment.get("_HANDLER"));
    } catch (Throwable failure) {
      ErrorDocument error = ErrorDocument.of(failure instanceof ExceptionInInitializerError e && e.getCause() != null
          ? e.getCause() : failure);
      System.err.println("init failed: " + error.type() + ": " + error.message());
      try {
        runtime.failInit(error);
      } catch (IOException e) {
        System.err.println("cannot report the init error: " + e);
      }
      System.exit(1);
      return;
    }
    try {
      loop(runtime, handler, environment);
    } catch (IOException e) {
      System.err.println("the Runtime API failed: " + e.getMessage());
      System.exit(1);
    }
  }

  static void loop(RuntimeApi runtime, HandlerInvoker handler, Map<String, String> environment) throws IOException {
    while (true) {
      NextInvocation next = runtime.next();
      if (next.traceId() != null) {
        System.setProperty("com.amazonaws.xray.traceHeader", next.traceId());
      }
      byte[] response;
      try {
        response = handler.invoke(next.body(), new LoopContext(next, environment));
      } catch (Throwable failure) {
        ErrorDocument error = ErrorDocument.of(failure);
        System.err.println(error.type() + ": " + error.message());
        runtime.fail(next.requestId(), error);
        continue;
      }
      int status = runtime.respond(next.requestId(), response);
      if (status == 413) { // over the payload limit: the API has made it an error already; say so in the log
        System.err.println("the response (" + response.length + " bytes) is over Lambda's payload limit");
      } else if (status >= 400) {
        System.err.println("the Runtime API refused the response of " + next.requestId() + ": " + status);
      }
    }
  }
}
