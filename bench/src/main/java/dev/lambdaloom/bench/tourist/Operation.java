package dev.lambdaloom.bench.tourist;

/** The kinds of request the load mixes. */
public enum Operation {
  GET_BY_ID("GET /tourists/{id}"),
  LIST("GET /tourists?limit=20"),
  CREATE("POST /tourists"),
  UPDATE("PUT /tourists/{id}");

  private final String label;

  Operation(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
