package dev.lambdaloom.functions.ingestrequest;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Stands in for the ingest function in the emulator: appends each event, one line, to {@code $TARGET_LOG}. */
public class RecordingTarget implements RequestStreamHandler {
  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    String event = new String(input.readAllBytes(), StandardCharsets.UTF_8).replace("\n", " ");
    Files.writeString(Path.of(System.getenv("TARGET_LOG")), event + "\n", StandardCharsets.UTF_8,
        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    output.write("null".getBytes(StandardCharsets.UTF_8));
  }
}
