package dev.lambdaloom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdaloom.loopback.LoopbackHttpServer;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Commands run functions local only unless told --aws, whatever credentials the shell holds. */
class LocalFirstCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path ROOT_TEMPLATE = Path.of("..", "template.yaml").toAbsolutePath().normalize();
  /** A shell with what look like someone's real credentials exported. */
  private static final Map<String, String> SHELL_WITH_CREDENTIALS = Map.of(
      "AWS_ACCESS_KEY_ID", "AKIAFAKEREALKEY7WXYZ",
      "AWS_SECRET_ACCESS_KEY", "fake-real-secret",
      "AWS_SESSION_TOKEN", "fake-real-token",
      "AWS_REGION", "eu-west-1");

  @TempDir Path dir;
  @RegisterExtension final CapturedConsole console = new CapturedConsole();

  private String err() {
    return console.err();
  }

  private String firstLineOfErr() {
    return err().lines().findFirst().orElse("");
  }

  @Test
  void theScavengerInvokedWithoutEnvVarsNeverReachesAws() throws Exception {
    // The template gives the scavenger no endpoint: before, it scanned (and deleted from) the real Workers table
    // with the shell's credentials. Its calls now meet the guard, which refuses each and logs it.
    int exit = Main.run(SHELL_WITH_CREDENTIALS, "invoke", "ScavengerFunction", "--template", ROOT_TEMPLATE.toString());

    assertThat(firstLineOfErr()).startsWith("AWS: local only");
    List<String> refused = err().lines().filter(l -> l.startsWith("LOCAL-ONLY refused ")).toList();
    assertThat(refused).as("the guard's record of what it kept here").isNotEmpty()
        .allMatch(l -> l.startsWith("LOCAL-ONLY refused dynamodb DynamoDB_20120810."));
    assertThat(refused.getFirst()).contains("DynamoDB_20120810.Scan", "HTTP 403 LocalOnlyAccessDenied");
    // A permanent error fails the invocation with its cause, in Lambda's error document: no resume point that a
    // loop "until done" would feed back for ever, and nothing deleted.
    assertThat(exit).as("exit code (1 = function error)").isEqualTo(1);
    JsonNode error = JSON.readTree(console.out());
    assertThat(error.has("errorType")).as(console.out()).isTrue();
    assertThat(error.has("resume")).isFalse();
    assertThat(error.get("errorMessage").asText()).contains("Lambdaloom kept this call on this machine");
    assertThat(refused).noneMatch(l -> l.contains("BatchExecuteStatement") || l.contains("DeleteItem")
        || l.contains("TransactWriteItems"));
  }

  @Test
  void withAwsTheFirstLineNamesTheCredentialsRegionAndAccount() throws Exception {
    List<String> signedWith = new CopyOnWriteArrayList<>();
    try (LoopbackHttpServer sts = LoopbackHttpServer.start(0, 8, Map.of("/", exchange -> {
      try (exchange) {
        signedWith.add(exchange.getRequestHeaders().getFirst("Authorization"));
        exchange.getRequestBody().readAllBytes();
        byte[] body = ("<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
            + "<GetCallerIdentityResult><Arn>arn:aws:iam::111122223333:user/dev</Arn><UserId>AIDAEXAMPLE</UserId>"
            + "<Account>111122223333</Account></GetCallerIdentityResult>"
            + "<ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></GetCallerIdentityResponse>")
            .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/xml");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    }))) {
      Map<String, String> shell = new HashMap<>(SHELL_WITH_CREDENTIALS);
      shell.put("AWS_ENDPOINT_URL_STS", sts.baseUrl()); // the account lookup is the only call that leaves

      int exit = Main.run(shell, "invoke", "HelloFunction", "--aws", "--template", ROOT_TEMPLATE.toString());

      assertThat(exit).isZero();
      assertThat(firstLineOfErr()).isEqualTo("AWS: REAL AWS with environment credentials (access key ...WXYZ, with a"
          + " session token), region eu-west-1, account 111122223333");
      assertThat(signedWith).singleElement().asString().contains("Credential=AKIAFAKEREALKEY7WXYZ/");
    }
  }

  @Test
  void withAwsAndAProfileTheFirstLineNamesTheProfile() {
    Map<String, String> shell = Map.of("AWS_PROFILE", "staging", "AWS_DEFAULT_REGION", "ap-southeast-2",
        "HOME", dir.toString()); // no ~/.aws there: the account cannot be known, and nothing is sent

    int exit = Main.run(shell, "invoke", "HelloFunction", "--aws", "--template", ROOT_TEMPLATE.toString());

    assertThat(exit).isZero();
    Matcher line = Pattern.compile("AWS: REAL AWS with profile staging, region ap-southeast-2, account unknown \\(.+\\)")
        .matcher(firstLineOfErr());
    assertThat(line.matches()).as(firstLineOfErr()).isTrue();
  }

  @Test
  void theDemoAndTheBenchmarksRefuseAws() {
    assertThat(Main.run(Map.of(), "demo", "--aws")).isEqualTo(2);
    assertThat(Main.run(Map.of(), "bench", "emulator", "--aws")).isEqualTo(2);
    assertThat(Main.run(Map.of(), "bench", "misbehave", "--aws")).isEqualTo(2);

    assertThat(err()).contains("lambdaloom: demo runs its functions against the local services it starts; --aws is"
        + " not accepted here", "lambdaloom: bench emulator runs its functions",
        "lambdaloom: bench misbehave runs its functions");
  }

  @Test
  void benchMisbehaveWithoutItsFixtureSaysHowToBuildIt() {
    Path missing = dir.resolve("misbehave.zip");

    assertThat(Main.run(Map.of(), "bench", "misbehave", "--fixture", missing.toString(), "--results",
        dir.toString())).isEqualTo(2);

    assertThat(err()).contains("lambdaloom: no misbehave fixture at " + missing
        + "; build it with ./mvnw -pl bench-fixtures/misbehave package");
  }
}
