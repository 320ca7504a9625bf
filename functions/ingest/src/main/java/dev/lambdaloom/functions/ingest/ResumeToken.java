package dev.lambdaloom.functions.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * What an invocation that stopped early leaves for the next one: the ids not done, and which job
 * and call it was, so the next call writes new objects next to the first ones (no overwrite, no
 * duplicate) and refuses a token from another job. The same token always gives the same next call
 * (run and call number), so a retried resumed call overwrites its own objects. Opaque to callers:
 * URL-safe base64 of a small JSON document, read as strictly as the event.
 *
 * @param job the job's fingerprint ({@link IngestRequest#jobFingerprint()})
 * @param run the run id shared by every call of the job; part of the object keys
 * @param call how many calls wrote objects before this token's holder
 * @param pending the ids still to fetch
 */
record ResumeToken(String job, RunId run, int call, IdSource pending) {
  private static final JsonFactory JSON = new JsonFactory();

  String encode() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JsonGenerator g = JSON.createGenerator(bytes)) {
      g.writeStartObject();
      g.writeNumberField("v", 1);
      g.writeStringField("job", job);
      g.writeStringField("run", run.value());
      g.writeNumberField("call", call);
      g.writeArrayFieldStart("pending");
      for (IdSource.Part part : pending.parts()) {
        switch (part) {
          case IdSource.Range range -> {
            g.writeStartArray();
            g.writeNumber(range.from());
            g.writeNumber(range.to());
            g.writeEndArray();
          }
          case IdSource.Listed listed -> g.writeString(listed.id());
        }
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.toByteArray());
  }

  static ResumeToken decode(String token) {
    byte[] json;
    try {
      json = Base64.getUrlDecoder().decode(token.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'resume' is not a token this function made (not base64url)");
    }
    String job = null;
    RunId run = null;
    int call = -1;
    List<IdSource.Part> pending = null;
    try (JsonParser p = JSON.createParser(json)) {
      expect(p.nextToken() == JsonToken.START_OBJECT);
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        switch (name) {
          case "v" -> {
            if (whole(p) != 1) {
              throw new IllegalArgumentException("'resume' token version " + p.getText() + " is not supported");
            }
          }
          case "job" -> job = text(p);
          case "run" -> run = RunId.of(text(p), "the resume token's run");
          case "call" -> call = Math.toIntExact(whole(p));
          case "pending" -> pending = pending(p);
          default -> throw new IllegalArgumentException("'resume' is not a token this function made (field " + name + ")");
        }
      }
      expect(p.nextToken() == null);
    } catch (IOException | ArithmeticException e) {
      throw new IllegalArgumentException("'resume' is not a token this function made (" + e.getMessage() + ")", e);
    }
    if (job == null || run == null || call < 1 || pending == null) {
      throw new IllegalArgumentException("'resume' is not a token this function made (fields missing)");
    }
    return new ResumeToken(job, run, call, new IdSource(pending));
  }

  private static List<IdSource.Part> pending(JsonParser p) throws IOException {
    expect(p.currentToken() == JsonToken.START_ARRAY);
    List<IdSource.Part> parts = new ArrayList<>();
    while (p.nextToken() != JsonToken.END_ARRAY) {
      if (p.currentToken() == JsonToken.START_ARRAY) {
        p.nextToken();
        long from = whole(p);
        p.nextToken();
        long to = whole(p);
        expect(p.nextToken() == JsonToken.END_ARRAY);
        parts.add(new IdSource.Range(from, to));
      } else {
        parts.add(new IdSource.Listed(IngestRequest.checkId(text(p), "the resume token")));
      }
    }
    return parts;
  }

  private static long whole(JsonParser p) throws IOException {
    expect(p.currentToken() == JsonToken.VALUE_NUMBER_INT);
    return p.getLongValue();
  }

  private static String text(JsonParser p) throws IOException {
    expect(p.currentToken() == JsonToken.VALUE_STRING);
    return p.getText();
  }

  private static void expect(boolean shape) {
    if (!shape) {
      throw new IllegalArgumentException("'resume' is not a token this function made (unexpected shape)");
    }
  }
}
