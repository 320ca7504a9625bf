package dev.lambdaloom.emulator.events;

/** A mapping's State as GetEventSourceMapping reports it. */
public enum MappingState {
  CREATING("Creating"),
  ENABLED("Enabled"),
  DISABLED("Disabled"),
  DELETING("Deleting");

  private final String label;

  MappingState(String label) {
    this.label = label;
  }

  /** The value of the API's {@code State} field. */
  public String label() {
    return label;
  }
}
