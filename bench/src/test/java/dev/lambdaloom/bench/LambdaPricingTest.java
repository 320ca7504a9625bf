package dev.lambdaloom.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.lambdaloom.emulator.LambdaCpu;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LambdaPricingTest {

  @Test
  void aMillionHundredMillisecondInvocationsAt512MbOnX86() {
    // 1e6 requests at $0.20 per million, plus 1e6 * 0.1 s * 0.5 GB = 50,000 GB-s at $0.0000166667.
    double expected = 0.20 + 1e6 * 0.1 * 0.5 * 0.0000166667;

    assertThat(expected).isCloseTo(1.0333, within(0.0001));
    assertThat(LambdaPricing.costUsd(Architecture.X86_64, 512, 100L * 1_000_000, 1_000_000))
        .isCloseTo(expected, within(1e-9));
    assertThat(LambdaPricing.costPerMillionInvocations(Architecture.X86_64, 512, 100))
        .isCloseTo(expected, within(1e-9));
  }

  @Test
  void arm64IsCheaperForTheSameWork() {
    double x86 = LambdaPricing.costPerMillionInvocations(Architecture.X86_64, 1024, 250);
    double arm = LambdaPricing.costPerMillionInvocations(Architecture.ARM64, 1024, 250);

    assertThat(arm).isLessThan(x86);
    // 1e6 * 0.25 s * 1 GB = 250,000 GB-s.
    assertThat(arm).isCloseTo(0.20 + 250_000 * 0.0000133334, within(1e-9));
  }

  @Test
  void gbSecondsCountAGigabyteAs1024Megabytes() {
    assertThat(LambdaPricing.gbSeconds(1024, 1000)).isEqualTo(1.0);
    assertThat(LambdaPricing.gbSeconds(128, 1)).isCloseTo(0.125 / 1000, within(1e-15));
  }

  @Test
  void requestsAloneCostTwentyCentsPerMillion() {
    assertThat(LambdaPricing.costUsd(Architecture.ARM64, 128, 0, 1_000_000)).isCloseTo(0.20, within(1e-12));
  }

  @Test
  void billingRoundsUpToTheMillisecondWithAMinimumOfOne() {
    assertThat(LambdaPricing.billedMs(Duration.ofNanos(100_000_001))).isEqualTo(101);
    assertThat(LambdaPricing.billedMs(Duration.ofMillis(100))).isEqualTo(100);
    assertThat(LambdaPricing.billedMs(Duration.ofNanos(300_000))).isEqualTo(1);
    assertThat(LambdaPricing.billedMs(Duration.ZERO)).isEqualTo(1);
    assertThat(LambdaPricing.billedMs(100.2)).isEqualTo(101);
    assertThat(LambdaPricing.billedMs(0.3)).isEqualTo(1);
  }

  @Test
  void oneMillisecondAt128MbOnX86() {
    assertThat(LambdaPricing.costUsd(Architecture.X86_64, 128, 1, 1))
        .isCloseTo(0.0000002 + 0.125 * 0.001 * 0.0000166667, within(1e-15));
  }

  @Test
  void architecturesAsTemplatesSpellThem() {
    assertThat(Architecture.fromTemplate("x86_64")).isEqualTo(Architecture.X86_64);
    assertThat(Architecture.fromTemplate("arm64")).isEqualTo(Architecture.ARM64);
    assertThat(Architecture.fromTemplate(" ARM64 ")).isEqualTo(Architecture.ARM64);
    assertThat(Architecture.fromTemplate(null)).isEqualTo(Architecture.X86_64);
    assertThat(Architecture.ARM64.templateName()).isEqualTo("arm64");
    assertThatThrownBy(() -> Architecture.fromTemplate("aarch64")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void vcpusGrowWithMemoryUpToSix() {
    assertThat(LambdaCpu.vcpus(1769)).isEqualTo(1.0);
    // 10,240 / 1,769, linear like the emulator's sandbox; AWS says "up to 6 vCPUs" at this size.
    assertThat(LambdaCpu.vcpus(10240)).isCloseTo(5.7886, within(0.0001));
    assertThat(LambdaCpu.vcpus(20_000)).isEqualTo(6.0);
    // what the sandbox shows is another thing: two processors up to 3,008 MB, then a step at each boundary
    assertThat(IntStream.of(128, 1769, 3008, 3009, 5307, 5308, 7076, 7077, 8845, 8846, 10_240)
        .map(LambdaCpu::visibleProcessors).toArray()).containsExactly(2, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6);
    assertThat(LambdaCpu.vcpus(128)).isCloseTo(0.0724, within(0.0001));
    assertThat(LambdaCpu.vcpus(3538)).isEqualTo(2.0);
    assertThatThrownBy(() -> LambdaCpu.vcpus(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
