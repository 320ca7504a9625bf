package dev.lambdaloom.bench.latency;

/** The two ways A invokes B. */
enum CallType {
  REQUEST_RESPONSE("RequestResponse"),
  EVENT("Event");

  private final String invocationType;

  CallType(String invocationType) {
    this.invocationType = invocationType;
  }

  /** X-Amz-Invocation-Type, and the label in the report. */
  String invocationType() {
    return invocationType;
  }

  /** The legs whose order is causal, so a negative difference would be a clock error: each as name and value. */
  java.util.List<Leg> legs() {
    return switch (this) {
      case REQUEST_RESPONSE -> java.util.List.of(Leg.DISPATCH, Leg.HANDLER, Leg.BACK, Leg.ROUND_TRIP);
      case EVENT -> java.util.List.of(Leg.DISPATCH, Leg.HANDLER, Leg.ROUND_TRIP);
    };
  }

  /** One difference of a call's timestamps. */
  enum Leg {
    DISPATCH("send -> start (dispatch)"),
    HANDLER("start -> end (handler)"),
    BACK("end -> receive (return)"),
    ROUND_TRIP("send -> receive (round trip; Event: until the 202)");

    private final String label;

    Leg(String label) {
      this.label = label;
    }

    String label() {
      return label;
    }

    long micros(CallTimes call) {
      return switch (this) {
        case DISPATCH -> call.dispatch();
        case HANDLER -> call.handler();
        case BACK -> call.back();
        case ROUND_TRIP -> call.roundTrip();
      };
    }
  }
}
