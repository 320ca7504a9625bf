package dev.lambdaloom.bench.misbehave;

/** How the call after a misbehaving one (a plain {@code ok} event) went. */
public enum NextCall {
  /** It found the container of the misbehaving call. */
  WARM("warm"),
  /** It needed a new container: the old one was gone or reset. */
  COLD("cold"),
  /** It failed: the function did not recover. */
  FAILED("failed");

  private final String label;

  NextCall(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
