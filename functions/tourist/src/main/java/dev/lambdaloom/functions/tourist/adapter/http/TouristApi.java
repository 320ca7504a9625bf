package dev.lambdaloom.functions.tourist.adapter.http;

import dev.lambdaloom.functions.tourist.domain.InvalidTouristException;
import dev.lambdaloom.functions.tourist.domain.Tourist;
import dev.lambdaloom.functions.tourist.domain.TouristDetails;
import dev.lambdaloom.functions.tourist.usecase.Cursor;
import dev.lambdaloom.functions.tourist.usecase.DuplicateEmailException;
import dev.lambdaloom.functions.tourist.usecase.Ids;
import dev.lambdaloom.functions.tourist.usecase.Page;
import dev.lambdaloom.functions.tourist.usecase.StoreUnavailableException;
import dev.lambdaloom.functions.tourist.usecase.TouristNotFoundException;
import dev.lambdaloom.functions.tourist.usecase.TouristService;
import dev.lambdaloom.functions.tourist.usecase.VersionConflictException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The tourist API over HTTP: routes a request to a use case and turns the outcome, good or bad,
 * into a response. Client mistakes are 4xx problem documents, never 500s; an unreachable database
 * is a 503 with Retry-After.
 *
 * <pre>
 * POST   /tourists                 201, Location, ETag
 * GET    /tourists?limit=&cursor=  200, {"items": [...], "nextCursor": ...}, Link rel="next"
 * GET    /tourists/{id}            200, ETag (304 on If-None-Match)
 * PUT    /tourists/{id}            200, ETag; If-Match required (428), stale is 412
 * DELETE /tourists/{id}            204, then 404
 * </pre>
 */
public final class TouristApi {
  public static final int MAX_BODY_BYTES = 64 * 1024;
  static final int RETRY_AFTER_SECONDS = 2;
  private static final String COLLECTION = "/tourists";

  private final TouristService tourists;
  /** Replaced only by {@link #renewOwnKey()}, after a restore, before any request. */
  private volatile CursorTokens cursors;
  private final PrintStream log;

  /** With the cursor key in the environment (CURSOR_KEY), else a random one of this container. */
  public static TouristApi fromEnvironment(TouristService tourists, Map<String, String> environment, PrintStream log) {
    CursorTokens cursors = CursorTokens.fromEnvironment(environment);
    if (!cursors.shared()) {
      log.println("{\"level\":\"WARN\",\"message\":\"" + CursorTokens.KEY_VARIABLE + " is not set: cursors are signed "
          + "with a key of this container and refused by any other; give the function one key (openssl rand -base64 32)\"}");
    }
    return new TouristApi(tourists, cursors, log);
  }

  /** With a random cursor key: cursors work only with this instance. */
  public TouristApi(TouristService tourists, PrintStream log) {
    this(tourists, CursorTokens.withRandomKey(), log);
  }

  TouristApi(TouristService tourists, CursorTokens cursors, PrintStream log) {
    this.tourists = tourists;
    this.cursors = cursors;
    this.log = log;
  }

  /**
   * The part of the priming that asks the store: a read by an id no tourist has and a one-item list (preparing their
   * statements on the connection), changing nothing. Called during init, which Lambda runs at full CPU, so the first
   * request does not pay for class loading at the function's smaller CPU share; {@link #primeWithoutStore()} is the
   * rest.
   */
  public void primeStore() {
    String event = "{\"rawPath\":\"/tourists/" + UUID.randomUUID() + "\",\"headers\":{\"accept\":\"application/json\"},"
        + "\"requestContext\":{\"http\":{\"method\":\"GET\"},\"requestId\":\"prime\"},\"isBase64Encoded\":false}";
    handle(event.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    handle(new ApiRequest("GET", COLLECTION, Map.of("limit", "1"), Map.of(), null, "prime"));
  }

  /**
   * The part of the priming that needs no database: requests refused before the store is asked (a tourist
   * that fails validation, a bad query, an id that is no UUID), JSON both ways, the cursor's HMAC, a problem
   * written out. It runs while the connection opens, and alone when the database is out of reach.
   */
  public void primeWithoutStore() {
    String invalid = "{\"rawPath\":\"/tourists\",\"headers\":{\"content-type\":\"application/json\"},"
        + "\"requestContext\":{\"http\":{\"method\":\"POST\"},\"requestId\":\"prime\"},\"isBase64Encoded\":false,"
        + "\"body\":\"{\\\"name\\\":\\\"\\\",\\\"email\\\":\\\"prime\\\",\\\"nationality\\\":\\\"ZZ\\\"}\"}";
    handle(invalid.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    handle(new ApiRequest("GET", COLLECTION, Map.of("limit", "0"), Map.of(), null, "prime"));
    handle(new ApiRequest("GET", COLLECTION + "/prime", Map.of(), Map.of(), null, "prime"));
    TouristDetails sample = TouristJson.readDetails(
        "{\"name\":\"Prime\",\"email\":\"prime@example.com\",\"nationality\":\"FR\",\"passportNumber\":null}"
            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    java.time.Instant now = java.time.Instant.now();
    TouristJson.write(new Tourist(UUID.randomUUID(), sample, now, now, 1));
    CursorTokens keyed = cursors;
    keyed.read(keyed.encode(new Cursor(now, UUID.randomUUID()))); // loads the HMAC's classes now
    try {
      HttpApiEvents.write(Problem.notFound("prime").toResponse("/", "prime"), java.io.OutputStream.nullOutputStream());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * After a SnapStart restore: a key of this container's own (no CURSOR_KEY) was made at init, so it is in the
   * snapshot that every restored container shares; each makes its own again, as the message at init promises. A
   * shared key (CURSOR_KEY) is kept. Cursors signed before are refused afterwards, as by any other container.
   */
  public void renewOwnKey() {
    if (!cursors.shared()) {
      cursors = CursorTokens.withRandomKey();
    }
  }

  /** Handles one raw payload 2.0 event; never throws. */
  public ApiResponse handle(byte[] event) {
    ApiRequest request;
    try {
      request = HttpApiEvents.read(event);
    } catch (BadEventException e) {
      request = new ApiRequest("?", "?", Map.of(), Map.of(), null, "");
      return problem(request, Problem.invalid(e.getMessage() + " (this function sits behind an HTTP API)", List.of()));
    }
    return handle(request);
  }

  /** Handles one request; never throws. */
  public ApiResponse handle(ApiRequest request) {
    try {
      return route(request);
    } catch (ProblemException e) {
      return problem(request, e.problem);
    } catch (InvalidQueryException e) {
      return problem(request, Problem.invalid("invalid query parameters", e.errors()));
    } catch (InvalidTouristException e) {
      return problem(request, Problem.invalid("the tourist has invalid fields", e.errors()));
    } catch (MalformedJsonException e) {
      return problem(request, Problem.malformedJson(e.getMessage()));
    } catch (TouristNotFoundException e) {
      return problem(request, Problem.notFound("no tourist has this id"));
    } catch (DuplicateEmailException e) {
      return problem(request, Problem.duplicateEmail(e.getMessage()));
    } catch (VersionConflictException e) {
      return problem(request, Problem.stale(e.getMessage() + "; GET it again and retry with its ETag",
          e.currentVersion()));
    } catch (StoreUnavailableException e) {
      log.println(logLine("WARN", request, e.getMessage()));
      return problem(request, Problem.unavailable(RETRY_AFTER_SECONDS));
    } catch (RuntimeException e) {
      log.println(logLine("ERROR", request, e.toString()));
      e.printStackTrace(log);
      return problem(request, Problem.internal());
    }
  }

  private ApiResponse route(ApiRequest request) {
    String path = request.path();
    if (path.length() > 1 && path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    if (path.equals(COLLECTION)) {
      return switch (request.method()) {
        case "GET", "HEAD" -> list(request);
        case "POST" -> create(request);
        default -> problem(request, Problem.methodNotAllowed(request.method(), "GET, POST"));
      };
    }
    if (path.startsWith(COLLECTION + "/") && path.indexOf('/', COLLECTION.length() + 1) < 0) {
      String rawId = path.substring(COLLECTION.length() + 1);
      return switch (request.method()) {
        case "GET", "HEAD" -> get(request, id(rawId));
        case "PUT" -> update(request, id(rawId));
        case "DELETE" -> delete(request, id(rawId));
        default -> problem(request, Problem.methodNotAllowed(request.method(), "GET, PUT, DELETE"));
      };
    }
    return problem(request, Problem.notFound("no resource at " + request.path()));
  }

  private ApiResponse create(ApiRequest request) {
    TouristDetails details = TouristJson.readDetails(jsonBody(request));
    Tourist created = tourists.register(details);
    return ApiResponse.json(201, TouristJson.write(created),
        Map.of("Location", COLLECTION + "/" + created.id(), "ETag", ETags.of(created.version())));
  }

  private ApiResponse get(ApiRequest request, UUID id) {
    Tourist tourist = tourists.find(id);
    String etag = ETags.of(tourist.version());
    String ifNoneMatch = request.header("if-none-match");
    if (ifNoneMatch != null && ETags.parse(ifNoneMatch) == tourist.version()) {
      return ApiResponse.empty(304, Map.of("ETag", etag));
    }
    return ApiResponse.json(200, TouristJson.write(tourist), Map.of("ETag", etag));
  }

  private ApiResponse list(ApiRequest request) {
    CursorTokens keyed = cursors;
    ListQuery query = ListQuery.read(request.query(), keyed);
    Page page = tourists.list(query.limit(), query.after());
    String next = page.next() == null ? null : keyed.encode(page.next());
    Map<String, String> headers = next == null ? Map.of()
        : Map.of("Link", "<" + COLLECTION + "?" + ListQuery.LIMIT + "=" + query.limit() + "&" + ListQuery.CURSOR + "="
            + next + ">; rel=\"next\"");
    return ApiResponse.json(200, TouristJson.write(page, next), headers);
  }

  private ApiResponse update(ApiRequest request, UUID id) {
    byte[] body = jsonBody(request);
    String ifMatch = request.header("if-match");
    if (ifMatch == null || ifMatch.isBlank()) {
      return problem(request, Problem.preconditionRequired());
    }
    TouristDetails details = TouristJson.readDetails(body);
    long version = ETags.parse(ifMatch);
    Tourist updated = tourists.update(id, version == ETags.ANY ? null : version, details);
    return ApiResponse.json(200, TouristJson.write(updated), Map.of("ETag", ETags.of(updated.version())));
  }

  private ApiResponse delete(ApiRequest request, UUID id) {
    tourists.remove(id);
    return ApiResponse.empty(204, Map.of());
  }

  /** The body of a POST or PUT: present, at most 64 KB, declared as JSON in UTF-8. */
  private static byte[] jsonBody(ApiRequest request) {
    byte[] body = request.body();
    if (body != null && body.length > MAX_BODY_BYTES) {
      throw new ProblemException(Problem.tooLarge(MAX_BODY_BYTES));
    }
    String contentType = request.header("content-type");
    if (!isJson(contentType)) {
      throw new ProblemException(Problem.unsupportedMediaType(contentType));
    }
    if (body == null || body.length == 0) {
      throw new MalformedJsonException("the body is empty; send the tourist as a JSON object");
    }
    return body;
  }

  /** application/json or any +json type, with no charset or UTF-8. */
  static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    String[] parts = contentType.toLowerCase(Locale.ROOT).split(";");
    String type = parts[0].strip();
    if (!type.equals("application/json") && !(type.startsWith("application/") && type.endsWith("+json"))) {
      return false;
    }
    for (int i = 1; i < parts.length; i++) {
      String parameter = parts[i].strip();
      if (parameter.startsWith("charset=")) {
        String charset = parameter.substring("charset=".length()).replace("\"", "");
        if (!charset.equals("utf-8") && !charset.equals("utf8")) {
          return false;
        }
      }
    }
    return true;
  }

  private static UUID id(String raw) {
    return Ids.parse(raw).orElseThrow(() -> new ProblemException(Problem.notFound(
        "no tourist has the id '" + abbreviate(raw) + "': tourist ids are UUIDs")));
  }

  private static String abbreviate(String text) {
    return text.length() <= 64 ? text : text.substring(0, 64) + "…";
  }

  private static ApiResponse problem(ApiRequest request, Problem problem) {
    return problem.toResponse(request.path(), request.requestId());
  }

  private static String logLine(String level, ApiRequest request, String message) {
    return "{\"level\":\"" + level + "\",\"requestId\":\"" + request.requestId() + "\",\"method\":\"" + request.method()
        + "\",\"message\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", " ") + "\"}";
  }

  /** A response decided before the use case runs. */
  private static final class ProblemException extends RuntimeException {
    final Problem problem;

    ProblemException(Problem problem) {
      super(problem.title(), null, false, false);
      this.problem = problem;
    }
  }
}
