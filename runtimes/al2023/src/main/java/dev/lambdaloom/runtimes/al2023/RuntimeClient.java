package dev.lambdaloom.runtimes.al2023;

/** What talks to the Runtime API inside the custom runtime. */
enum RuntimeClient {
  /** AWS's runtime interface client, as the managed java25 runtime runs it (with its JNI library). */
  AWS("com.amazonaws.services.lambda.runtime.api.client.AWSLambda", "al2023"),
  /** The project's lean loop (runtimes/loop): the four calls over HttpURLConnection, no JNI. */
  LEAN("dev.lambdaloom.runtimeloop.RuntimeLoop", "al2023-lean");

  private static final String AWS_JAR = "aws-lambda-java-runtime-interface-client-";
  private static final String LEAN_JAR = "lambdaloom-runtime-loop-";

  private final String mainClass;
  private final String zipSuffix;

  RuntimeClient(String mainClass, String zipSuffix) {
    this.mainClass = mainClass;
    this.zipSuffix = zipSuffix;
  }

  String mainClass() {
    return mainClass;
  }

  /** hello gives hello-al2023.zip or hello-al2023-lean.zip. */
  String zipName(String name) {
    return name + "-" + zipSuffix + ".zip";
  }

  /** Whether a jar of the runtime client folder belongs on this client's class path (the other client's does not). */
  boolean takes(String jarName) {
    return switch (this) {
      case AWS -> !jarName.startsWith(LEAN_JAR);
      case LEAN -> !jarName.startsWith(AWS_JAR) && !jarName.startsWith("utils-lite-");
    };
  }

  boolean needsJni() {
    return this == AWS;
  }
}
