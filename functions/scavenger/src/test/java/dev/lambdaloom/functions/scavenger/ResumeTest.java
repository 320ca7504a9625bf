package dev.lambdaloom.functions.scavenger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lambdaloom.core.InvalidSettingException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class ResumeTest {
  private static final Map<String, Object> AFTER = Map.of("WorkerId", Map.of("N", "42"), "StartTime", Map.of("S", "t"));

  @Test
  void roundTripsTheWorkerTablesKey() {
    Resume resume = new Resume(8, List.of(
        new SegmentStart(1, Map.of("WorkerId", AttributeValue.fromN("42"), "StartTime", AttributeValue.fromS("t"))),
        new SegmentStart(7, null)));

    Map<String, Object> json = resume.toJson();

    assertThat(json).containsEntry("totalSegments", 8);
    assertThat(Resume.fromJson(json)).isEqualTo(resume);
  }

  @Test
  void aFreshScanListsEverySegmentFromItsStart() {
    assertThat(Resume.fromStart(3).segments()).extracting(SegmentStart::segment).containsExactly(0, 1, 2);
    assertThat(Resume.fromStart(3).segments()).allMatch(s -> s.after() == null);
    assertThat(new Resume(3, List.of()).done()).isTrue();
  }

  static Stream<Arguments> malformed() {
    Map<String, Object> nullAfter = new HashMap<>();
    nullAfter.put("segment", 0);
    nullAfter.put("after", null);
    return Stream.of(
        Arguments.of("x", "must be an object"),
        Arguments.of(Map.of(), "has no totalSegments"),
        Arguments.of(Map.of("totalSegments", 2), "has no segments"),
        Arguments.of(Map.of("totalSegments", "2", "segments", List.of()), "resume.totalSegments must be a whole number"),
        Arguments.of(Map.of("totalSegments", 2.0, "segments", List.of()), "not 2.0"),
        Arguments.of(Map.of("totalSegments", 0, "segments", List.of()), "from 1 to"),
        Arguments.of(Map.of("totalSegments", 2, "segments", "0"), "must be a list"),
        Arguments.of(Map.of("totalSegments", 2, "segments", List.of(), "extra", 1), "unknown field 'extra'"),
        Arguments.of(Map.of("totalSegments", 2, "segments", List.of(Map.of("segment", 2))), "from 0 to 1, not 2"),
        Arguments.of(Map.of("totalSegments", 2, "segments", List.of(Map.of("segment", -1))), "not -1"),
        Arguments.of(Map.of("totalSegments", 2, "segments", List.of(Map.of("segment", " 1"))), "not  1"),
        Arguments.of(Map.of("totalSegments", 2, "segments", List.of(Map.of("segment", 1), Map.of("segment", 1))),
            "segment 1 twice"),
        Arguments.of(Map.of("totalSegments", 2, "segments", List.of(Map.of("seg", 1))), "has no segment"),
        Arguments.of(Map.of("totalSegments", 2, "segments", List.of(nullAfter)), "resume.segments[].after must be"),
        Arguments.of(segmentAfter(Map.of("WorkerId", Map.of("N", "42"))), "has no StartTime"),
        Arguments.of(segmentAfter(Map.of("WorkerId", Map.of("S", "42"), "StartTime", Map.of("S", "t"))),
            "{\"N\": \"...\"}"),
        Arguments.of(segmentAfter(Map.of("WorkerId", Map.of("N", "forty"), "StartTime", Map.of("S", "t"))),
            "{\"N\": \"...\"}"),
        Arguments.of(segmentAfter(Map.of("WorkerId", Map.of("N", "42"), "StartTime", Map.of("S", ""))),
            "{\"S\": \"...\"}"),
        Arguments.of(segmentAfter(Map.of("WorkerId", Map.of("N", "42"), "StartTime", Map.of("B", "dA=="))),
            "{\"S\": \"...\"}"),
        Arguments.of(segmentAfter(Map.of("WorkerId", Map.of("N", "42"), "StartTime", Map.of("S", "t"),
            "Other", Map.of("S", "x"))), "unknown field 'Other'"));
  }

  private static Map<String, Object> segmentAfter(Map<String, Object> after) {
    return Map.of("totalSegments", 2, "segments", List.of(Map.of("segment", 1, "after", after)));
  }

  @ParameterizedTest
  @MethodSource("malformed")
  void refusesAnythingItDidNotWrite(Object json, String problem) {
    assertThatThrownBy(() -> Resume.fromJson(json))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining(problem)
        .hasMessageContaining("leave it out to start a new scan");
  }

  @Test
  void readsTheKeyOfEverySegmentItWrote() {
    Resume resume = Resume.fromJson(Map.of("totalSegments", 2, "segments", List.of(Map.of("segment", 1, "after", AFTER))));
    assertThat(resume.segments().getFirst().after())
        .containsEntry("WorkerId", AttributeValue.fromN("42")).containsEntry("StartTime", AttributeValue.fromS("t"));
  }
}
