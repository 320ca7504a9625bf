package dev.lambdaloom.functions.tourist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lambdaloom.functions.tourist.adapter.http.ApiRequest;
import dev.lambdaloom.functions.tourist.adapter.http.ApiResponse;
import dev.lambdaloom.functions.tourist.adapter.http.TouristApi;
import dev.lambdaloom.functions.tourist.adapter.jdbc.DatabaseSettings;
import dev.lambdaloom.functions.tourist.adapter.jdbc.JdbcTouristRepository;
import dev.lambdaloom.functions.tourist.adapter.jdbc.SingleConnection;
import dev.lambdaloom.functions.tourist.usecase.TouristService;
import dev.lambdaloom.snapstart.SnapStartHooks;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The SnapStart hooks driven directly, over a real PostgreSQL (what a CRaC JVM would call around a snapshot). */
class TouristSnapshotTest {
  private static final Pattern NEXT_CURSOR = Pattern.compile("\"nextCursor\"\\s*:\\s*\"([^\"]+)\"");
  private static String url;
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();
  private SingleConnection database;

  @BeforeAll
  static void migrate() {
    url = TestDatabase.freshDatabase();
  }

  @AfterEach
  void close() {
    if (database != null) database.close();
  }

  private TouristApi api(SingleConnection connection, Map<String, String> environment) {
    database = connection;
    return TouristApi.fromEnvironment(new TouristService(new JdbcTouristRepository(connection)), environment,
        new PrintStream(log, true, StandardCharsets.UTF_8));
  }

  private static ApiResponse call(TouristApi api, String method, String path, Map<String, String> query, String body) {
    return api.handle(new ApiRequest(method, path, query, body == null ? Map.of() : Map.of("content-type",
        "application/json"), body == null ? null : body.getBytes(StandardCharsets.UTF_8), "req-" + UUID.randomUUID()));
  }

  private static ApiResponse register(TouristApi api) {
    return call(api, "POST", "/tourists", Map.of(), "{\"name\":\"Ada\",\"email\":\"ada-" + UUID.randomUUID()
        + "@example.com\",\"nationality\":\"GB\",\"passportNumber\":null}");
  }

  /** Sessions on the test database other than the one asking. */
  private static int otherSessions() throws SQLException {
    try (Connection c = TestDatabase.server().connect(url);
        ResultSet rows = c.createStatement().executeQuery("SELECT count(*) FROM pg_stat_activity "
            + "WHERE datname = current_database() AND pid <> pg_backend_pid()")) {
      rows.next();
      return rows.getInt(1);
    }
  }

  private static int tourists() throws SQLException {
    try (Connection c = TestDatabase.server().connect(url);
        ResultSet rows = c.createStatement().executeQuery("SELECT count(*) FROM tourists")) {
      rows.next();
      return rows.getInt(1);
    }
  }

  @Test
  void answersRealRequestsWhateverOrderAndHowOftenTheHooksRun() throws SQLException {
    TouristApi api = api(new SingleConnection(TestDatabase.settings(url)), Map.of());
    SnapStartHooks hooks = TouristSnapshot.install(Map.of(), database, api);
    hooks.afterRestore(null); // a restore without a checkpoint
    assertThat(register(api).statusCode()).isEqualTo(201);
    hooks.beforeCheckpoint(null);
    hooks.beforeCheckpoint(null);
    hooks.afterRestore(null);
    hooks.afterRestore(null);
    assertThat(register(api).statusCode()).isEqualTo(201);
    assertThat(call(api, "GET", "/tourists", Map.of("limit", "100"), null).statusCode()).isEqualTo(200);
  }

  @Test
  void primesWithoutChangingAnythingThenClosesTheConnectionBeforeTheSnapshotAndOpensItAfter() throws SQLException {
    TouristApi api = api(new SingleConnection(TestDatabase.settings(url)), Map.of());
    SnapStartHooks hooks = TouristSnapshot.install(Map.of(), database, api);
    assertThat(register(api).statusCode()).isEqualTo(201);
    int before = tourists();
    hooks.beforeCheckpoint(null);
    assertThat(tourists()).isEqualTo(before);
    assertThat(otherSessions()).as("sessions left open in the snapshot").isZero();
    int opened = database.opened();
    hooks.afterRestore(null);
    assertThat(database.opened()).isEqualTo(opened + 1);
    assertThat(otherSessions()).isEqualTo(1);
  }

  @Test
  void makesTheContainerItsOwnCursorKeyAgainAfterARestoreButKeepsAGivenOne() {
    TouristApi own = api(new SingleConnection(TestDatabase.settings(url)), Map.of());
    register(own);
    register(own);
    String cursor = nextCursor(own);
    TouristSnapshot.install(Map.of(), database, own).afterRestore(null);
    assertThat(call(own, "GET", "/tourists", Map.of("limit", "1", "cursor", cursor), null).statusCode()).isEqualTo(400);

    database.close();
    TouristApi shared = api(new SingleConnection(TestDatabase.settings(url)),
        Map.of("CURSOR_KEY", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="));
    String sharedCursor = nextCursor(shared);
    TouristSnapshot.install(Map.of(), database, shared).afterRestore(null);
    assertThat(call(shared, "GET", "/tourists", Map.of("limit", "1", "cursor", sharedCursor), null).statusCode())
        .isEqualTo(200);
  }

  private static String nextCursor(TouristApi api) {
    ApiResponse page = call(api, "GET", "/tourists", Map.of("limit", "1"), null);
    Matcher next = NEXT_CURSOR.matcher(page.body());
    assertThat(next.find()).as("a next cursor in %s", page.body()).isTrue();
    return next.group(1);
  }

  @Test
  void primesAtInitWithTheDatabaseOutOfReachAndStillAnswers() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    TouristApi api = api(new SingleConnection(DatabaseSettings.of("jdbc:postgresql://127.0.0.1:" + closedPort
        + "/tourists", "nobody", "nothing")), Map.of());
    SnapStartHooks hooks = TouristSnapshot.install(Map.of("PRIME_ON_INIT", "true"), database, api);
    hooks.beforeCheckpoint(null);
    hooks.afterRestore(null);
    assertThat(call(api, "GET", "/tourists/" + UUID.randomUUID(), Map.of(), null).statusCode()).isEqualTo(503);
    assertThat(call(api, "POST", "/tourists", Map.of(), "{}").statusCode()).isEqualTo(400);
  }

  @Test
  void failsTheInitOnAPrimeOnInitNeitherTrueNorFalse() {
    TouristApi api = api(new SingleConnection(TestDatabase.settings(url)), Map.of());
    assertThatThrownBy(() -> TouristSnapshot.install(Map.of("PRIME_ON_INIT", "1"), database, api))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PRIME_ON_INIT");
  }
}
