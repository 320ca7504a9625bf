package dev.lambdaloom.emulator.apigateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lambdaloom.emulator.fixtures.FixtureCode;
import dev.lambdaloom.emulator.template.SamTemplate;
import dev.lambdaloom.emulator.template.TemplateException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RouteTableTest {
  @TempDir Path dir;

  private static final RouteTable TABLE = new RouteTable(List.of(
      HttpApiRoute.of(null, null, "Fallback"),
      HttpApiRoute.of("ANY", "/files/{proxy+}", "Greedy"),
      HttpApiRoute.of("ANY", "/tourists/{id}", "AnyItem"),
      HttpApiRoute.of("get", "/tourists/{id}", "GetItem"),
      HttpApiRoute.of("GET", "/tourists/me", "Me"),
      HttpApiRoute.of("POST", "/tourists", "Create")));

  private static String route(String method, String path) {
    return TABLE.match(method, path).map(m -> m.route().function() + " " + m.pathParameters()).orElse("none");
  }

  @Test
  void picksTheMostSpecificRouteLikeApiGateway() {
    assertThat(route("GET", "/tourists/me")).isEqualTo("Me {}");
    assertThat(route("GET", "/tourists/42")).isEqualTo("GetItem {id=42}");
    assertThat(route("DELETE", "/tourists/42")).isEqualTo("AnyItem {id=42}");
    assertThat(route("POST", "/tourists")).isEqualTo("Create {}");
    assertThat(route("GET", "/tourists")).isEqualTo("Fallback {}"); // no GET /tourists: $default
    assertThat(route("GET", "/files/a/b%20c")).isEqualTo("Greedy {proxy=a/b c}");
    assertThat(route("GET", "/files")).isEqualTo("Fallback {}"); // {proxy+} needs a segment
    assertThat(route("GET", "/tourists/42/x")).isEqualTo("Fallback {}");
  }

  @Test
  void withoutDefaultAnUnmatchedRequestHasNoRoute() {
    RouteTable table = new RouteTable(List.of(HttpApiRoute.of("GET", "/a/{id}", "A")));
    assertThat(table.match("GET", "/a/")).isEmpty();
    assertThat(table.match("POST", "/a/1")).isEmpty();
    assertThat(table.match("GET", "/a/1")).get().extracting(RouteTable.Match::pathParameters).isEqualTo(Map.of("id", "1"));
  }

  @Test
  void readsHttpApiEventsFromTheTemplate() {
    Path template = FixtureCode.template(dir, """
          Api:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: .
              Handler: x.Y::z
              Events:
                Item:
                  Type: HttpApi
                  Properties: {Path: "/things/{id}", Method: get}
                Everything:
                  Type: HttpApi
                Queue:
                  Type: SQS
                  Properties: {Queue: arn:aws:sqs:us-east-1:123456789012:q}
        """);

    RouteTable table = RouteTable.of(SamTemplate.load(template).functions().values());

    assertThat(table.routes()).extracting(HttpApiRoute::routeKey).containsExactly("GET /things/{id}", "$default");
  }

  @Test
  void refusesPayloadVersion1AndGreedyVariablesInTheMiddle() {
    Path v1 = FixtureCode.template(dir, """
          Api:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: .
              Handler: x.Y::z
              Events:
                Old:
                  Type: HttpApi
                  Properties: {Path: /a, Method: get, PayloadFormatVersion: "1.0"}
        """);
    assertThatThrownBy(() -> RouteTable.of(SamTemplate.load(v1).functions().values()))
        .isInstanceOf(TemplateException.class).hasMessageContaining("PayloadFormatVersion 1.0");
    assertThatThrownBy(() -> HttpApiRoute.of("GET", "/a/{p+}/b", "F")).hasMessageContaining("greedy");
  }
}
