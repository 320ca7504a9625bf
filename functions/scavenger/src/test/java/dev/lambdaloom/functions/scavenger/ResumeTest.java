package dev.lambdaloom.functions.scavenger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class ResumeTest {
  @Test
  void roundTripsEveryKeyType() {
    Resume resume = new Resume(8, List.of(
        new SegmentStart(1, Map.of("WorkerId", AttributeValue.fromN("42"), "StartTime", AttributeValue.fromS("t"))),
        new SegmentStart(5, Map.of("Blob", AttributeValue.fromB(SdkBytes.fromUtf8String("b")))),
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

  @Test
  void rejectsWhatItDidNotWrite() {
    assertThatThrownBy(() -> Resume.fromJson("x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Resume.fromJson(Map.of("totalSegments", 2, "segments", List.of(Map.of("segment", 2)))))
        .hasMessageContaining("not below totalSegments");
    assertThatThrownBy(() -> Resume.fromJson(Map.of("totalSegments", 2,
        "segments", List.of(Map.of("segment", 0, "after", Map.of("WorkerId", Map.of("L", "x")))))))
        .hasMessageContaining("key attributes");
  }
}
