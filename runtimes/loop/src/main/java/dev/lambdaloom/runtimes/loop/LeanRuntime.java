package dev.lambdaloom.runtimes.loop;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Map;

/**
 * The lean variant of the custom runtime's loop (main class; the bootstrap passes nothing, the handler comes from
 * {@code _HANDLER}): load the handler, then forever take the next event, run the handler, post its answer or its
 * error. What the Runtime API documents as a runtime's duties, and nothing else: an init failure is posted to
 * {@code init/error} and ends the process; a handler's exception is posted as the invocation's error and the loop goes
 * on; a reply the Runtime API says is unrecoverable (anything but 202 to a post, except 413, and anything but 200 to
 * {@code next}) ends the process with the reason, and Lambda starts a new one.
 */
public final class LeanRuntime {
  /** The property AWS's client sets per invocation for the X-Ray SDK. */
  static final String TRACE_PROPERTY = "com.amazonaws.xray.traceHeader";
  private static final String LOG_PREFIX = "[lambdaloom lean runtime] ";

  private final RuntimeApi api;
  private final LoadedHandler handler;
  private final FunctionEnvironment environment;
  private final StdoutLogger logger;
  private final PrintStream err;

  LeanRuntime(RuntimeApi api, LoadedHandler handler, FunctionEnvironment environment, PrintStream out,
      PrintStream err) {
    this.api = api;
    this.handler = handler;
    this.environment = environment;
    this.logger = new StdoutLogger(out);
    this.err = err;
  }

  public static void main(String[] args) {
    System.exit(start(System.getenv(), System.out, System.err));
  }

  /** Init, then the loop; returns only when the process must end, with its exit status. */
  static int start(Map<String, String> variables, PrintStream out, PrintStream err) {
    FunctionEnvironment environment;
    RuntimeApi api;
    try {
      environment = FunctionEnvironment.of(variables);
      api = new RuntimeApi(environment.runtimeApi());
    } catch (IllegalArgumentException e) {
      err.println(LOG_PREFIX + e.getMessage());
      return 1;
    }
    LoadedHandler handler;
    try {
      handler = LoadedHandler.load(environment.handler());
    } catch (Throwable failure) { // an init failure of any kind is the function's to see, then the process ends
      reportInitFailure(api, failure, err);
      return 1;
    }
    return new LeanRuntime(api, handler, environment, out, err).serve();
  }

  private static void reportInitFailure(RuntimeApi api, Throwable failure, PrintStream err) {
    ErrorDocument error = ErrorDocument.of(failure);
    err.println(LOG_PREFIX + "init failed: " + error.errorType() + ": " + error.errorMessage());
    failure.printStackTrace(err);
    try {
      HttpReply reply = api.failInit(error);
      if (reply.status() != 202) {
        err.println(LOG_PREFIX + "init/error answered " + reply.status() + ": " + reply.bodyText());
      }
    } catch (IOException e) {
      err.println(LOG_PREFIX + "could not post init/error: " + e);
    } finally {
      api.close();
    }
  }

  /** The loop; returns the exit status when the Runtime API or the JVM leaves no way on. */
  int serve() {
    try (api) {
      while (true) {
        HttpReply next = api.next();
        if (next.status() != 200) {
          err.println(LOG_PREFIX + "invocation/next answered " + next.status() + " (" + next.bodyText().strip()
              + "): ending the runtime");
          return 1;
        }
        Invocation invocation = Invocation.from(next);
        HandlerOutcome outcome = invoke(invocation);
        // Posting is outside the handler's outcome: an I/O error here is the runtime's, never the invocation's.
        HttpReply posted = outcome.post(api, invocation.requestId());
        if (posted.status() == 413) {
          // Lambda has failed the invocation itself (the answer is over its limit): the runtime is fine, go on
          err.println(LOG_PREFIX + "the answer to " + invocation.requestId() + " was refused as too large: "
              + posted.bodyText().strip());
        } else if (posted.status() != 202) {
          err.println(LOG_PREFIX + "the Runtime API answered " + posted.status() + " to the result of "
              + invocation.requestId() + " (" + posted.bodyText().strip() + "): ending the runtime");
          return 1;
        }
        if (outcome instanceof HandlerOutcome.Failed failed && failed.jvmBroken()) {
          err.println(LOG_PREFIX + "the JVM threw a VirtualMachineError: ending the runtime for a fresh one");
          return 1;
        }
      }
    } catch (IOException e) {
      err.println(LOG_PREFIX + "lost the Runtime API: " + e);
      return 1;
    }
  }

  /**
   * What the handler did with one event. Each outcome posts itself, where a pattern switch would read better: such a
   * switch links through {@code SwitchBootstraps}, which generates a class with the class-file API when the switch
   * first runs, and JDK 25's AOT cache does not keep that class, so every cold start paid 3-5 ms in its first
   * response for it (class+init logs of the tourist and hello zips).
   */
  private sealed interface HandlerOutcome {
    HttpReply post(RuntimeApi api, String requestId) throws IOException;

    record Answered(byte[] payload) implements HandlerOutcome {
      @Override
      public HttpReply post(RuntimeApi api, String requestId) throws IOException {
        return api.respond(requestId, payload);
      }
    }

    record Failed(Throwable error) implements HandlerOutcome {
      @Override
      public HttpReply post(RuntimeApi api, String requestId) throws IOException {
        return api.fail(requestId, ErrorDocument.of(error));
      }

      /** After an OutOfMemoryError or an internal error the JVM is not to be trusted with another event. */
      boolean jvmBroken() {
        return error instanceof VirtualMachineError && !(error instanceof StackOverflowError);
      }
    }
  }

  private HandlerOutcome invoke(Invocation invocation) {
    if (invocation.traceId() == null) {
      System.clearProperty(TRACE_PROPERTY);
    } else {
      System.setProperty(TRACE_PROPERTY, invocation.traceId());
    }
    try {
      return new HandlerOutcome.Answered(
          handler.invoke(invocation.payload(), new InvocationContext(invocation, environment, logger)));
    } catch (Throwable failure) { // whatever the handler throws is the invocation's error, not the runtime's
      failure.printStackTrace(err);
      return new HandlerOutcome.Failed(failure);
    }
  }
}
