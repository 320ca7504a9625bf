package dev.lambdaloom.functions.scavenger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lambdaloom.core.InvalidSettingException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScavengeRequestTest {
  private static final Map<String, String> ENV = Map.of("TABLE_NAME", "Workers");
  private static final Map<String, Object> RESUME_OF_4 =
      Map.of("totalSegments", 4, "segments", List.of(Map.of("segment", 3)));

  @ParameterizedTest
  @ValueSource(strings = {"dryrun", "dry_run", "DRY_RUN", "DryRun", "dry-run", "Table", "delete_mode", "Resume"})
  void aSettingSpelledAnotherWayIsRefusedNotIgnored(String key) {
    assertThatThrownBy(() -> ScavengeRequest.from(Map.of(key, true), ENV))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("the event's '" + key + "' is not a setting; did you mean");
  }

  @Test
  void otherKeysSuchAsAPreviousResponsesCountsArePassedOver() {
    ScavengeRequest request = ScavengeRequest.from(Map.of("deleted", 12, "done", false, "dryRun", true), ENV);
    assertThat(request.settings().dryRun()).isTrue();
  }

  @Test
  void withoutAResumeEverySegmentStartsFromItsBeginning() {
    ScavengeRequest request = ScavengeRequest.from(Map.of("totalSegments", 3), ENV);
    assertThat(request.resume()).isEqualTo(Resume.fromStart(3));
  }

  @Test
  void aResumeKeepsItsSegmentationWhenNoneIsSet() {
    ScavengeRequest request = ScavengeRequest.from(Map.of("resume", RESUME_OF_4), ENV);
    assertThat(request.settings().totalSegments()).isEqualTo(4);
    assertThat(request.resume().segments()).extracting(SegmentStart::segment).containsExactly(3);
  }

  @Test
  void aResumeCannotContinueUnderAnotherSegmentationThanTheOneSet() {
    assertThatThrownBy(() -> ScavengeRequest.from(Map.of("resume", RESUME_OF_4, "totalSegments", 10), ENV))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("totalSegments is 10 but the resume continues a scan of 4 segments");
    assertThatThrownBy(() -> ScavengeRequest.from(Map.of("resume", RESUME_OF_4),
        Map.of("TABLE_NAME", "Workers", "TOTAL_SEGMENTS", "10")))
        .isInstanceOf(InvalidSettingException.class);
    assertThat(ScavengeRequest.from(Map.of("resume", RESUME_OF_4, "totalSegments", 4), ENV).settings().totalSegments())
        .isEqualTo(4);
  }

  @Test
  void aResumeThatIsNotAnObjectIsRefusedNotTakenAsAFreshStart() {
    assertThatThrownBy(() -> ScavengeRequest.from(Map.of("resume", ""), ENV))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("resume must be an object");
  }
}
