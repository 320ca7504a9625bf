package dev.lambdaloom.emulator.events.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RecordFilterTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** JSON written with single quotes, so the table stays readable. */
  private static String json(String singleQuoted) {
    return singleQuoted.replace('\'', '"');
  }

  private static JsonNode record(String singleQuoted) {
    try {
      return MAPPER.readTree(json(singleQuoted));
    } catch (Exception e) {
      throw new IllegalStateException("bad test record " + singleQuoted, e);
    }
  }

  private static Arguments row(String pattern, String record, boolean expected) {
    return Arguments.of(pattern, record, expected);
  }

  static Stream<Arguments> table() {
    return Stream.of(
        // exact values
        row("{'a': ['x']}", "{'a': 'x'}", true),
        row("{'a': ['x']}", "{'a': 'X'}", false),
        row("{'a': ['x']}", "{'b': 'x'}", false),
        row("{'a': ['x', 'y']}", "{'a': 'y'}", true),
        row("{'a': ['']}", "{'a': ''}", true),
        row("{'a': [100]}", "{'a': 100.0}", true),
        row("{'a': [100]}", "{'a': 1e2}", true),
        row("{'a': [100]}", "{'a': '100'}", false),
        row("{'a': ['100']}", "{'a': 100}", false),
        row("{'a': [null]}", "{'a': null}", true),
        row("{'a': [null]}", "{}", false),
        row("{'a': [true]}", "{'a': true}", true),
        row("{'a': [true]}", "{'a': 'true'}", false),
        // prefix, suffix, equals-ignore-case
        row("{'a': [{'prefix': 'us-'}]}", "{'a': 'us-east-1'}", true),
        row("{'a': [{'prefix': 'us-'}]}", "{'a': 'eu-west-1'}", false),
        row("{'a': [{'prefix': 'us-'}]}", "{'a': 5}", false),
        row("{'a': [{'prefix': {'equals-ignore-case': 'US-'}}]}", "{'a': 'us-east-1'}", true),
        row("{'a': [{'suffix': '.png'}]}", "{'a': 'cat.png'}", true),
        row("{'a': [{'suffix': '.png'}]}", "{'a': 'cat.jpg'}", false),
        row("{'a': [{'suffix': {'equals-ignore-case': '.PNG'}}]}", "{'a': 'cat.png'}", true),
        row("{'a': [{'equals-ignore-case': 'ALICE'}]}", "{'a': 'alice'}", true),
        row("{'a': [{'equals-ignore-case': 'ALICE'}]}", "{'a': 'alicia'}", false),
        // anything-but
        row("{'a': [{'anything-but': ['Raining']}]}", "{'a': 'Sunny'}", true),
        row("{'a': [{'anything-but': ['Raining']}]}", "{'a': 'Raining'}", false),
        row("{'a': [{'anything-but': ['Raining']}]}", "{}", false),
        row("{'a': [{'anything-but': 'Raining'}]}", "{'a': 'Raining'}", false),
        row("{'a': [{'anything-but': [1, 2]}]}", "{'a': 2.0}", false),
        row("{'a': [{'anything-but': [1, 2]}]}", "{'a': 3}", true),
        row("{'a': [{'anything-but': {'prefix': 'test-'}}]}", "{'a': 'test-1'}", false),
        row("{'a': [{'anything-but': {'prefix': 'test-'}}]}", "{'a': 'prod-1'}", true),
        row("{'a': [{'anything-but': {'suffix': '.tmp'}}]}", "{'a': 'x.tmp'}", false),
        row("{'a': [{'anything-but': {'equals-ignore-case': ['A', 'B']}}]}", "{'a': 'b'}", false),
        row("{'a': [{'anything-but': {'wildcard': '*.tmp'}}]}", "{'a': 'x.txt'}", true),
        // numeric
        row("{'a': [{'numeric': ['=', 100]}]}", "{'a': 100}", true),
        row("{'a': [{'numeric': ['>', 0, '<=', 5]}]}", "{'a': 5}", true),
        row("{'a': [{'numeric': ['>', 0, '<=', 5]}]}", "{'a': 0}", false),
        row("{'a': [{'numeric': ['>', 0, '<=', 5]}]}", "{'a': 5.01}", false),
        row("{'a': [{'numeric': ['>', 0, '<=', 5]}]}", "{'a': 0.1}", true),
        row("{'a': [{'numeric': ['>=', 10, '<', 20]}]}", "{'a': 20}", false),
        row("{'a': [{'numeric': ['<', 0]}]}", "{'a': '-1'}", false),
        // exists
        row("{'a': [{'exists': true}]}", "{'a': 'x'}", true),
        row("{'a': [{'exists': true}]}", "{'a': null}", true),
        row("{'a': [{'exists': true}]}", "{'b': 'x'}", false),
        row("{'a': [{'exists': false}]}", "{'b': 'x'}", true),
        row("{'a': [{'exists': false}]}", "{'a': 'x'}", false),
        row("{'a': [{'exists': false}]}", "{'a': []}", true),
        row("{'a': {'b': [{'exists': false}]}}", "{}", true),
        // cidr
        row("{'ip': [{'cidr': '10.0.0.0/24'}]}", "{'ip': '10.0.0.255'}", true),
        row("{'ip': [{'cidr': '10.0.0.0/24'}]}", "{'ip': '10.0.1.0'}", false),
        row("{'ip': [{'cidr': '10.0.0.0/23'}]}", "{'ip': '10.0.1.7'}", true),
        row("{'ip': [{'cidr': '10.0.0.0/24'}]}", "{'ip': 'not-an-address'}", false),
        row("{'ip': [{'cidr': '2001:db8::/32'}]}", "{'ip': '2001:db8:1::5'}", true),
        row("{'ip': [{'cidr': '2001:db8::/32'}]}", "{'ip': '10.0.0.1'}", false),
        // wildcard
        row("{'f': [{'wildcard': '*.png'}]}", "{'f': 'dir/cat.png'}", true),
        row("{'f': [{'wildcard': '*.png'}]}", "{'f': 'cat.png.txt'}", false),
        row("{'f': [{'wildcard': 'img/*/cat*.png'}]}", "{'f': 'img/2024/cat-01.png'}", true),
        row("{'f': [{'wildcard': 'img/*/cat*.png'}]}", "{'f': 'img/cat.png'}", false),
        row("{'f': [{'wildcard': 'a*a'}]}", "{'f': 'a'}", false),
        row("{'f': [{'wildcard': 'a\\\\*b'}]}", "{'f': 'a*b'}", true),
        row("{'f': [{'wildcard': 'a\\\\*b'}]}", "{'f': 'axb'}", false),
        row("{'f': [{'wildcard': 'plain'}]}", "{'f': 'plain'}", true),
        // AND across fields, nesting
        row("{'a': ['x'], 'b': ['y']}", "{'a': 'x', 'b': 'y'}", true),
        row("{'a': ['x'], 'b': ['y']}", "{'a': 'x', 'b': 'z'}", false),
        row("{'a': ['x'], 'b': ['y']}", "{'a': 'x'}", false),
        row("{'order': {'type': ['buy'], 'qty': [{'numeric': ['>', 10]}]}}",
            "{'order': {'type': 'buy', 'qty': 11, 'note': 'ignored'}}", true),
        row("{'order': {'type': ['buy']}}", "{'order': 'buy'}", false),
        row("{'order': {'type': ['buy']}}", "{'order': {'type': {'inner': 'buy'}}}", false),
        row("{'a': {'b': {'c': [1]}}}", "{'a': {'b': {'c': 1}}}", true),
        // arrays in the record
        row("{'tags': ['red']}", "{'tags': ['blue', 'red']}", true),
        row("{'tags': ['red']}", "{'tags': ['blue', 'green']}", false),
        row("{'tags': [{'prefix': 'r'}]}", "{'tags': [['x'], ['rose']]}", true),
        row("{'items': {'sku': ['B']}}", "{'items': [{'sku': 'A'}, {'sku': 'B'}]}", true),
        row("{'items': {'sku': ['C']}}", "{'items': [{'sku': 'A'}, {'sku': 'B'}]}", false),
        // $or
        row("{'$or': [{'a': ['x']}, {'b': ['y']}]}", "{'b': 'y'}", true),
        row("{'$or': [{'a': ['x']}, {'b': ['y']}]}", "{'a': 'y', 'b': 'x'}", false),
        row("{'c': ['z'], '$or': [{'a': ['x']}, {'b': ['y']}]}", "{'a': 'x', 'c': 'q'}", false),
        row("{'n': {'$or': [{'a': [1]}, {'b': [{'exists': true}]}]}}", "{'n': {'b': false}}", true),
        row("{}", "{'anything': 1}", true));
  }

  @ParameterizedTest(name = "{0} on {1} -> {2}")
  @MethodSource("table")
  void matchesAsLambdaDocumentsEachRule(String pattern, String record, boolean expected) {
    RecordFilter filter = RecordFilter.of(List.of(json(pattern)));

    assertThat(filter.matches(record(record))).isEqualTo(expected);
  }

  @Test
  void deliversARecordWhenAnyOfTheFiltersMatches() {
    RecordFilter filter = RecordFilter.of(List.of(json("{'a': ['x']}"), json("{'b': [{'numeric': ['>', 1]}]}")));

    assertThat(filter.matches(record("{'a': 'x', 'b': 0}"))).isTrue();
    assertThat(filter.matches(record("{'a': 'y', 'b': 2}"))).isTrue();
    assertThat(filter.matches(record("{'a': 'y', 'b': 1}"))).isFalse();
  }

  @Test
  void withoutFiltersEveryRecordPasses() {
    RecordFilter filter = RecordFilter.of(List.of());

    assertThat(filter.passesEverything()).isTrue();
    assertThat(filter.matches(record("{'a': 1}"))).isTrue();
  }

  @Test
  void matchesTheDynamoDbExampleOfAwsOnTheNewImage() {
    RecordFilter filter = RecordFilter.of(List.of(json(
        "{'eventName': ['INSERT', 'MODIFY'], 'dynamodb': {'NewImage': {'status': {'S': ['done']}}}}")));
    String template = """
        {'eventID': '1', 'eventName': '%s', 'eventSource': 'aws:dynamodb',
         'dynamodb': {'Keys': {'id': {'S': 'a1'}},
                      'NewImage': {'id': {'S': 'a1'}, 'status': {'S': '%s'}, 'n': {'N': '3'}},
                      'SequenceNumber': '111', 'SizeBytes': 26, 'StreamViewType': 'NEW_AND_OLD_IMAGES'}}
        """;

    assertThat(filter.matches(FilterInput.forDynamoDb(record(template.formatted("MODIFY", "done"))))).isTrue();
    assertThat(filter.matches(FilterInput.forDynamoDb(record(template.formatted("MODIFY", "pending"))))).isFalse();
    assertThat(filter.matches(FilterInput.forDynamoDb(record(template.formatted("REMOVE", "done"))))).isFalse();
    assertThat(filter.matches(record("{'eventName': 'REMOVE', 'dynamodb': {'Keys': {'id': {'S': 'a1'}}}}")))
        .isFalse();
  }

  @Test
  void matchesTheMultiLevelKeysExampleOfAws() {
    RecordFilter filter = RecordFilter.of(List.of(json("{'dynamodb': {'Keys': {'Id': {'N': ['101']}}}}")));

    assertThat(filter.matches(record("{'dynamodb': {'Keys': {'Id': {'N': '101'}}}}"))).isTrue();
    assertThat(filter.matches(record("{'dynamodb': {'Keys': {'Id': {'N': '102'}}}}"))).isFalse();
  }

  static Stream<Arguments> invalidPatterns() {
    return Stream.of(
        Arguments.of("{'a': ['x']", "is not valid JSON"),
        Arguments.of("['a']", "must be a JSON object of fields"),
        Arguments.of("{'a': 'x'}", "a: must be an array of rules"),
        Arguments.of("{'a': []}", "a: an empty rule list matches nothing"),
        Arguments.of("{'a': [{'regex': 'x.*'}]}", "a[0]: unsupported operator \"regex\""),
        Arguments.of("{'a': {'b': [{'begins-with': 'x'}]}}", "a.b[0]: unsupported operator \"begins-with\""),
        Arguments.of("{'a': [{'prefix': 'x', 'suffix': 'y'}]}", "a[0]: a rule object has exactly one operator"),
        Arguments.of("{'a': [{'prefix': 5}]}", "a[0].prefix: takes a string, not 5"),
        Arguments.of("{'a': [{'exists': 'yes'}]}", "a[0].exists: takes true or false"),
        Arguments.of("{'a': [{'numeric': ['>', 0, '<=']}]}", "a[0].numeric: takes one or two comparisons"),
        Arguments.of("{'a': [{'numeric': ['~', 0]}]}", "a[0].numeric[0]: \"~\" is not a comparison"),
        Arguments.of("{'a': [{'numeric': ['>', '0']}]}", "a[0].numeric[1]: compares with a number, not \"0\""),
        Arguments.of("{'a': [{'anything-but': [true]}]}", "a[0].anything-but: takes strings or numbers"),
        Arguments.of("{'a': [{'anything-but': []}]}", "a[0].anything-but: needs at least one value"),
        Arguments.of("{'a': [{'anything-but': {'numeric': ['>', 1]}}]}", "unsupported operator \"numeric\" inside"),
        Arguments.of("{'a': [{'cidr': '10.0.0.0'}]}", "a[0].cidr: cidr '10.0.0.0' has no /prefix-length"),
        Arguments.of("{'a': [{'cidr': '10.0.0.0/33'}]}", "prefix length 33 is out of range (0 to 32)"),
        Arguments.of("{'a': [{'cidr': 'example.com/8'}]}", "does not start with an IPv4 or IPv6 address"),
        Arguments.of("{'a': [{'wildcard': 'a**b'}]}", "a[0].wildcard: wildcard 'a**b' has consecutive *"),
        Arguments.of("{'a': [['x']]}", "a[0]: a rule is a value or an {operator: operand} object"),
        Arguments.of("{'$or': {'a': ['x']}}", "$or: must be a non-empty array of patterns"),
        Arguments.of("{'$or': [{'a': ['x']}, 'b']}", "$or[1]: must be an object of fields"),
        Arguments.of("{'a': ['x'], 'a': ['y']}", "is not valid JSON (Duplicate field 'a')"));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("invalidPatterns")
  void refusesAnInvalidPatternNamingItAndWhatIsWrong(String pattern, String problem) {
    String text = json(pattern);

    assertThatThrownBy(() -> RecordFilter.of(List.of(json("{'ok': ['fine']}"), text)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("filter pattern " + text + ": ")
        .hasMessageContaining(problem);
  }

  @Test
  void shortensALongPatternInItsMessage() {
    String longPattern = "{\"a\": [\"" + "x".repeat(1000) + "\", {\"regex\": 1}]}";

    assertThatThrownBy(() -> RecordFilter.of(List.of(longPattern)))
        .hasMessageStartingWith("filter pattern " + longPattern.substring(0, 200) + "...: a[1]: unsupported");
  }
}
