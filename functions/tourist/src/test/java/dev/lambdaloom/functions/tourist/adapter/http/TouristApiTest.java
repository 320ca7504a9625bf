package dev.lambdaloom.functions.tourist.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdaloom.functions.tourist.TestDatabase;
import dev.lambdaloom.functions.tourist.adapter.jdbc.JdbcTouristRepository;
import dev.lambdaloom.functions.tourist.adapter.jdbc.SingleConnection;
import dev.lambdaloom.functions.tourist.usecase.TouristService;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The API in-process over a real PostgreSQL: every route, and every kind of bad input as a 4xx problem. */
class TouristApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();
  private static String url;
  private static SingleConnection database;
  private static TouristApi api;
  private static final ByteArrayOutputStream log = new ByteArrayOutputStream();

  @BeforeAll
  static void start() {
    url = TestDatabase.freshDatabase();
    database = new SingleConnection(TestDatabase.settings(url));
    api = new TouristApi(new TouristService(new JdbcTouristRepository(database)), new PrintStream(log, true, StandardCharsets.UTF_8));
  }

  @AfterAll
  static void stop() {
    database.close();
  }

  static ApiResponse call(String method, String path, String body, String... headers) {
    Map<String, String> h = new HashMap<>();
    if (body != null) {
      h.put("content-type", "application/json");
    }
    for (int i = 0; i < headers.length; i += 2) {
      h.put(headers[i].toLowerCase(), headers[i + 1]);
    }
    Map<String, String> query = new HashMap<>();
    int q = path.indexOf('?');
    if (q >= 0) {
      for (String pair : path.substring(q + 1).split("&")) {
        int eq = pair.indexOf('=');
        query.put(pair.substring(0, eq), java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
      path = path.substring(0, q);
    }
    return api.handle(new ApiRequest(method, path, query, h, body == null ? null : body.getBytes(StandardCharsets.UTF_8),
        "req-" + UUID.randomUUID()));
  }

  static JsonNode json(ApiResponse response) throws Exception {
    return JSON.readTree(response.body());
  }

  static String tourist(String name, String email) {
    return "{\"name\":" + quote(name) + ",\"email\":" + quote(email) + ",\"nationality\":\"FR\"}";
  }

  static String quote(String text) {
    try {
      return JSON.writeValueAsString(text);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
  }

  /** Asserts a problem document of this status and returns it. */
  static JsonNode problem(ApiResponse response, int status) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers()).containsEntry("Content-Type", "application/problem+json");
    JsonNode problem = json(response);
    assertThat(problem.get("status").asInt()).isEqualTo(status);
    assertThat(problem.get("type").asText()).isNotBlank();
    assertThat(problem.get("title").asText()).isNotBlank();
    return problem;
  }

  @Test
  void createReadUpdateDelete() throws Exception {
    String email = unique("ada");
    ApiResponse created = call("POST", "/tourists",
        "{\"name\":\"Ada Lovelace\",\"email\":\"" + email + "\",\"nationality\":\"gb\",\"passportNumber\":\"ab1234567\"}");
    assertThat(created.statusCode()).isEqualTo(201);
    JsonNode body = json(created);
    String id = body.get("id").asText();
    assertThat(created.headers()).containsEntry("Location", "/tourists/" + id).containsEntry("ETag", "\"1\"");
    assertThat(body.get("nationality").asText()).isEqualTo("GB");
    assertThat(body.get("passportNumber").asText()).isEqualTo("AB1234567");
    assertThat(body.get("version").asLong()).isEqualTo(1);
    assertThat(body.get("createdAt").asText()).isEqualTo(body.get("updatedAt").asText());

    ApiResponse read = call("GET", "/tourists/" + id, null);
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(read.headers()).containsEntry("ETag", "\"1\"");
    assertThat(json(read)).isEqualTo(body);
    assertThat(call("GET", "/tourists/" + id, null, "If-None-Match", "\"1\"").statusCode()).isEqualTo(304);

    ApiResponse updated = call("PUT", "/tourists/" + id,
        "{\"name\":\"Augusta Ada King\",\"email\":\"" + email + "\",\"nationality\":\"GB\"}", "If-Match", "\"1\"");
    assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
    assertThat(updated.headers()).containsEntry("ETag", "\"2\"");
    assertThat(json(updated).get("name").asText()).isEqualTo("Augusta Ada King");
    assertThat(json(updated).get("passportNumber").isNull()).isTrue(); // PUT replaces: absent means none

    assertThat(call("DELETE", "/tourists/" + id, null).statusCode()).isEqualTo(204);
    problem(call("GET", "/tourists/" + id, null), 404);
    problem(call("DELETE", "/tourists/" + id, null), 404);
  }

  @Test
  void aGetRepresentationCanBePutBackReadOnlyFieldsIgnored() throws Exception {
    JsonNode created = json(call("POST", "/tourists", tourist("Grace", unique("grace"))));
    String edited = created.toString().replace("\"Grace\"", "\"Grace Hopper\"").replace("\"version\":1", "\"version\":99");

    ApiResponse updated = call("PUT", "/tourists/" + created.get("id").asText(), edited, "If-Match", "\"1\"");

    assertThat(updated.statusCode()).isEqualTo(200);
    assertThat(json(updated).get("version").asLong()).isEqualTo(2);
    assertThat(json(updated).get("id").asText()).isEqualTo(created.get("id").asText());
  }

  @Test
  void updatesNeedIfMatchAndAStaleVersionIs412WithTheCurrentETag() throws Exception {
    String email = unique("lin");
    String id = json(call("POST", "/tourists", tourist("Lin", email))).get("id").asText();
    String path = "/tourists/" + id;

    problem(call("PUT", path, tourist("Lin 2", email)), 428);
    assertThat(call("PUT", path, tourist("Lin 2", email), "If-Match", "\"1\"").statusCode()).isEqualTo(200);

    ApiResponse stale = call("PUT", path, tourist("Lin 3", email), "If-Match", "\"1\"");
    problem(stale, 412);
    assertThat(stale.headers()).containsEntry("ETag", "\"2\"");
    problem(call("PUT", path, tourist("Lin 3", email), "If-Match", "W/\"2\""), 412); // weak never matches
    assertThat(json(call("GET", path, null)).get("name").asText()).isEqualTo("Lin 2");

    ApiResponse any = call("PUT", path, tourist("Lin 4", email), "If-Match", "*");
    assertThat(any.statusCode()).isEqualTo(200);
    assertThat(any.headers()).containsEntry("ETag", "\"3\"");
    problem(call("PUT", "/tourists/" + UUID.randomUUID(), tourist("Nobody", unique("n")), "If-Match", "\"1\""), 404);
  }

  @Test
  void emailsAreUniqueRegardlessOfCase() throws Exception {
    String email = unique("Mary");
    assertThat(call("POST", "/tourists", tourist("Mary", email)).statusCode()).isEqualTo(201);

    JsonNode duplicate = problem(call("POST", "/tourists", tourist("Mary again", email.toUpperCase())), 409);
    assertThat(duplicate.get("detail").asText()).contains("already exists");

    String other = json(call("POST", "/tourists", tourist("Other", unique("other")))).get("id").asText();
    problem(call("PUT", "/tourists/" + other, tourist("Other", email), "If-Match", "\"1\""), 409);
  }

  @ParameterizedTest
  @ValueSource(strings = {"{", "{\"name\": }", "[1,2]", "\"just a string\"", "{\"name\":\"a\"} trailing",
      "{\"name\":\"a\",\"name\":\"b\",\"email\":\"a@b.co\",\"nationality\":\"FR\"}", "{'name': 'single quotes'}",
      "{\"name\":\"unterminated}", "   "})
  void malformedJsonIs400(String body) throws Exception {
    JsonNode problem = problem(call("POST", "/tourists", body), 400);
    assertThat(problem.get("type").asText()).endsWith("/malformed-json");
  }

  @Test
  void wrongTypesMissingAndUnknownFieldsAreListedTogether() throws Exception {
    JsonNode problem = problem(call("POST", "/tourists",
        "{\"name\":42,\"nationality\":[\"FR\"],\"passportNumber\":{\"n\":1},\"nationalty\":\"FR\"}"), 400);

    Map<String, String> errors = new HashMap<>();
    problem.get("errors").forEach(e -> errors.put(e.get("field").asText(), e.get("message").asText()));
    assertThat(errors).containsEntry("name", "must be a string")
        .containsEntry("nationality", "must be a string")
        .containsEntry("passportNumber", "must be a string")
        .containsEntry("nationalty", "is not a field of a tourist")
        .containsEntry("email", "is required")
        .hasSize(5);
  }

  @Test
  void sqlInjectionIsStoredLiterally() throws Exception {
    String name = "Robert'); DROP TABLE tourists;--";
    ApiResponse created = call("POST", "/tourists", tourist(name, unique("bobby")));
    assertThat(created.statusCode()).isEqualTo(201);
    String id = json(created).get("id").asText();

    assertThat(json(call("GET", "/tourists/" + id, null)).get("name").asText()).isEqualTo(name);
    problem(call("GET", "/tourists/1' OR '1'='1", null), 404);
    problem(call("GET", "/tourists?limit=1;DROP TABLE tourists", null), 400);
    try (Connection c = TestDatabase.server().connect(url); Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("SELECT name FROM tourists WHERE id = '" + id + "'")) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getString(1)).isEqualTo(name);
    }
  }

  @Test
  void longAndNonLatinNamesRoundTrip() throws Exception {
    for (String name : List.of("Đorđe Balašević", "张伟", "Сергей Королёв", "محمد", "👩‍🚀 Astronaut", "山".repeat(200))) {
      ApiResponse created = call("POST", "/tourists", tourist(name, unique("intl")));
      assertThat(created.statusCode()).as(name).isEqualTo(201);
      assertThat(json(call("GET", created.headers().get("Location"), null)).get("name").asText()).isEqualTo(name);
    }
    JsonNode tooLong = problem(call("POST", "/tourists", tourist("a".repeat(201), unique("long"))), 400);
    assertThat(tooLong.get("errors").get(0).get("field").asText()).isEqualTo("name");
  }

  @ParameterizedTest
  @ValueSource(strings = {"not-a-uuid", "123", "00000000-0000-0000-0000-00000000000g", "1-2-3-4-5",
      "%27%20OR%201%3D1", "00000000000000000000000000000000"})
  void idsThatAreNotUuidsAre404(String id) throws Exception {
    problem(call("GET", "/tourists/" + id, null), 404);
    problem(call("DELETE", "/tourists/" + id, null), 404);
    problem(call("PUT", "/tourists/" + id, tourist("A", unique("a")), "If-Match", "\"1\""), 404);
  }

  @Test
  void bodiesOver64KbAre413() throws Exception {
    String big = "{\"name\":\"" + "a".repeat(TouristApi.MAX_BODY_BYTES) + "\",\"email\":\"a@b.co\",\"nationality\":\"FR\"}";
    problem(call("POST", "/tourists", big), 413);
    String id = json(call("POST", "/tourists", tourist("Small", unique("small")))).get("id").asText();
    problem(call("PUT", "/tourists/" + id, big, "If-Match", "\"1\""), 413);
  }

  @ParameterizedTest
  @CsvSource(nullValues = "none", value = {"none", "text/plain", "application/x-www-form-urlencoded",
      "application/json; charset=latin1", "multipart/form-data; boundary=x"})
  void bodiesThatAreNotJsonAre415(String contentType) throws Exception {
    Map<String, String> headers = new HashMap<>();
    if (contentType != null) {
      headers.put("content-type", contentType);
    }
    ApiResponse response = api.handle(new ApiRequest("POST", "/tourists", Map.of(), headers,
        tourist("A", unique("a")).getBytes(StandardCharsets.UTF_8), "r"));
    problem(response, 415);
  }

  @Test
  void jsonWithCharsetAndVendorTypesAreAccepted() {
    assertThat(TouristApi.isJson("application/json; charset=UTF-8")).isTrue();
    assertThat(TouristApi.isJson("application/merge-patch+json")).isTrue();
    assertThat(TouristApi.isJson("application/jsonx")).isFalse();
  }

  @Test
  void unknownRoutesAre404AndWrongMethods405WithAllow() throws Exception {
    problem(call("GET", "/", null), 404);
    problem(call("GET", "/tourists/" + UUID.randomUUID() + "/friends", null), 404);
    ApiResponse patch = call("PATCH", "/tourists/" + UUID.randomUUID(), "{}");
    problem(patch, 405);
    assertThat(patch.headers()).containsEntry("Allow", "GET, PUT, DELETE");
    assertThat(call("DELETE", "/tourists", null).headers()).containsEntry("Allow", "GET, POST");
  }

  @ParameterizedTest
  @ValueSource(strings = {"limit=0", "limit=101", "limit=ten", "limit=-5", "cursor=bm9wZQ", "cursor=!!!",
      "limit=99999999999999999999", "limit=%2B5", "limit=05", "limit=%205", "limit=5%20", "limit=%D9%A5", "limit=5,6",
      "limit=", "cursor=", "limt=5"})
  void badQueryParametersAre400(String query) throws Exception {
    JsonNode problem = problem(call("GET", "/tourists?" + query, null), 400);
    assertThat(problem.get("errors")).hasSize(1);
  }

  @Test
  void everyBadQueryParameterIsListedAtOnce() throws Exception {
    JsonNode problem = problem(call("GET", "/tourists?limit=0&cursor=nope&limt=5", null), 400);

    Map<String, String> errors = new HashMap<>();
    problem.get("errors").forEach(e -> errors.put(e.get("field").asText(), e.get("message").asText()));
    assertThat(errors).containsOnlyKeys("limit", "cursor", "limt");
    assertThat(errors.get("cursor")).startsWith("is not a cursor this API returned");
  }

  @Test
  void aTamperedCursorIs400WithAFieldErrorNeverAWrongPage() throws Exception {
    call("POST", "/tourists", tourist("Page One", unique("p1")));
    call("POST", "/tourists", tourist("Page Two", unique("p2")));
    String cursor = json(call("GET", "/tourists?limit=1", null)).get("nextCursor").asText();
    assertThat(call("GET", "/tourists?limit=1&cursor=" + cursor, null).statusCode()).isEqualTo(200);
    byte[] bytes = Base64.getUrlDecoder().decode(cursor);

    byte[] flipped = bytes.clone();
    flipped[20] ^= 0x01;
    byte[] otherTime = bytes.clone();
    ByteBuffer.wrap(otherTime).putLong(1, ByteBuffer.wrap(bytes).getLong(1) - 86_400_000_000L); // a day earlier
    String otherKey;
    try (SingleConnection own = new SingleConnection(TestDatabase.settings(url))) {
      otherKey = json(apiOn(own).handle(request("GET", "/tourists", Map.of("limit", "1"), null))).get("nextCursor").asText();
    }
    Map<String, String> tamperings = Map.of(
        "a flipped byte", URL.encodeToString(flipped),
        "truncated", cursor.substring(0, 30),
        "with bytes added", cursor + "AAAA",
        "re-encoded with another time", URL.encodeToString(otherTime),
        "signed by another container", otherKey,
        "garbage", "not-a-cursor",
        "the unsigned format", URL.encodeToString(("1700000000000000." + UUID.randomUUID()).getBytes(StandardCharsets.US_ASCII)));

    for (Map.Entry<String, String> tampered : tamperings.entrySet()) {
      ApiResponse response = api.handle(request("GET", "/tourists", Map.of("limit", "1", "cursor", tampered.getValue()), null));
      JsonNode problem = problem(response, 400);
      assertThat(problem.get("errors")).as(tampered.getKey()).hasSize(1);
      assertThat(problem.get("errors").get(0).get("field").asText()).isEqualTo("cursor");
      assertThat(problem.get("errors").get(0).get("message").asText()).startsWith("is not a cursor this API returned");
    }
  }

  @Test
  void emailsAreComparedAfterNfkcAndCaseSoLookAlikesCannotRegisterTwice() throws Exception {
    String ownUrl = TestDatabase.freshDatabase(); // its own: the literal addresses must be free
    try (SingleConnection own = new SingleConnection(TestDatabase.settings(ownUrl))) {
      TouristApi fresh = apiOn(own);
      assertThat(fresh.handle(request("POST", "/tourists", Map.of(), tourist("Ada", "ada@example.com"))).statusCode())
          .isEqualTo(201);

      for (String invisible : List.of("ada@example.com\u200B", "ada\u200E@example.com", "\uFEFFada@example.com",
          "ada\u00A0@example.com")) {
        JsonNode problem = problem(fresh.handle(request("POST", "/tourists", Map.of(), tourist("Ada", invisible))), 400);
        assertThat(problem.get("errors").get(0).get("field").asText()).as(invisible).isEqualTo("email");
        assertThat(problem.get("errors").get(0).get("message").asText()).contains("invisible");
      }
      for (String twin : List.of("ａｄａ@ｅｘａｍｐｌｅ.ｃｏｍ", "ＡＤＡ＠ＥＸＡＭＰＬＥ．ＣＯＭ", "ADA@example.com")) {
        problem(fresh.handle(request("POST", "/tourists", Map.of(), tourist("Ada", twin))), 409);
      }

      assertThat(fresh.handle(request("POST", "/tourists", Map.of(), tourist("Ñ", "ñandú@example.com"))).statusCode())
          .isEqualTo(201);
      problem(fresh.handle(request("POST", "/tourists", Map.of(), tourist("Ñ", "ÑANDÚ@EXAMPLE.COM"))), 409);
      JsonNode grace = json(fresh.handle(request("POST", "/tourists", Map.of(), tourist("Grace", "ｇｒａｃｅ@example.com"))));
      assertThat(grace.get("email").asText()).isEqualTo("grace@example.com"); // stored normalized
    }
    // The schema holds rows written without the API to the same rule.
    try (Connection c = TestDatabase.server().connect(ownUrl); Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.execute("INSERT INTO tourists (id, name, email, nationality) "
          + "VALUES (gen_random_uuid(), 'Twin', 'ＡＤＡ@example.com', 'GB')"))
          .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23505"));
    }
  }

  @Test
  void problemsNameTheRequest() throws Exception {
    JsonNode problem = problem(call("GET", "/tourists/nope", null), 404);
    assertThat(problem.get("instance").asText()).isEqualTo("/tourists/nope");
    assertThat(problem.get("requestId").asText()).startsWith("req-");
  }

  @Test
  void listingWalksEveryTouristOnceInAStableOrder() throws Exception {
    // Its own database: the other tests' rows would be in the listing too.
    String ownUrl = TestDatabase.freshDatabase();
    try (SingleConnection own = new SingleConnection(TestDatabase.settings(ownUrl))) {
      TouristApi listing = apiOn(own);
      Set<String> ids = new HashSet<>();
      for (int i = 0; i < 23; i++) {
        ApiResponse created = listing.handle(request("POST", "/tourists", Map.of(), tourist("T" + i, unique("t" + i))));
        ids.add(json(created).get("id").asText());
      }
      List<String> seen = new java.util.ArrayList<>();
      String cursor = null;
      int pages = 0;
      do {
        Map<String, String> query = cursor == null ? Map.of("limit", "5") : Map.of("limit", "5", "cursor", cursor);
        ApiResponse page = listing.handle(request("GET", "/tourists", query, null));
        assertThat(page.statusCode()).isEqualTo(200);
        JsonNode body = json(page);
        body.get("items").forEach(t -> seen.add(t.get("id").asText()));
        cursor = body.get("nextCursor").isNull() ? null : body.get("nextCursor").asText();
        if (cursor != null) {
          assertThat(page.headers().get("Link")).contains("cursor=" + cursor).endsWith("rel=\"next\"");
          // A tourist registered mid-walk lands after the cursor: the walk neither skips nor repeats.
          if (pages == 1) {
            ids.add(json(listing.handle(request("POST", "/tourists", Map.of(), tourist("Late", unique("late")))))
                .get("id").asText());
          }
        }
        pages++;
      } while (cursor != null);

      assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids);
      assertThat(pages).isEqualTo(5); // 24 tourists, 5 a page
      JsonNode all = json(listing.handle(request("GET", "/tourists", Map.of("limit", "100"), null)));
      List<String> order = new java.util.ArrayList<>();
      all.get("items").forEach(t -> order.add(t.get("id").asText()));
      assertThat(order).isEqualTo(seen);
      assertThat(all.get("nextCursor").isNull()).isTrue();
    }
  }

  @Test
  void theEmailRuleHoldsOnADatabaseWhoseLocaleLowerCasesOnlyAscii() throws Exception {
    String name = "tourist_c_locale_" + ProcessHandle.current().pid();
    try (Connection admin = TestDatabase.server().connect(); Statement s = admin.createStatement()) {
      s.execute("CREATE DATABASE " + name + " TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C'");
    }
    String cUrl = TestDatabase.server().jdbcUrl(name);
    try (Connection c = TestDatabase.server().connect(cUrl); Statement s = c.createStatement()) {
      dev.lambdaloom.services.postgres.Migrator.of(TestDatabase.MIGRATIONS).migrate(c);
      try (ResultSet lower = s.executeQuery("SELECT lower('ÑANDÚ')")) {
        lower.next();
        assertThat(lower.getString(1)).isEqualTo("ÑandÚ"); // ASCII only: what a plain lower(email) compared
      }
      s.execute("INSERT INTO tourists (id, name, email, nationality) VALUES (gen_random_uuid(), 'N', 'ñandú@example.com', 'AR')");
      assertThatThrownBy(() -> s.execute("INSERT INTO tourists (id, name, email, nationality) "
          + "VALUES (gen_random_uuid(), 'N', 'ÑANDÚ@example.com', 'AR')"))
          .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23505"));
    }
  }

  /** An API of its own (and with its own cursor key) on {@code database}. */
  private static TouristApi apiOn(SingleConnection database) {
    return new TouristApi(new TouristService(new JdbcTouristRepository(database)), System.out);
  }

  private static ApiRequest request(String method, String path, Map<String, String> query, String body) {
    return new ApiRequest(method, path, query, body == null ? Map.of() : Map.of("content-type", "application/json"),
        body == null ? null : body.getBytes(StandardCharsets.UTF_8), "r");
  }
}
