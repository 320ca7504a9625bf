package dev.lambdaloom.bench;

import java.util.Locale;

/** The instruction set a Lambda function runs on; it sets the price per GB-second. */
public enum Architecture {
  X86_64("x86_64"),
  ARM64("arm64");

  private final String templateName;

  Architecture(String templateName) {
    this.templateName = templateName;
  }

  /**
   * The architecture named in a SAM template's {@code Architectures} list. A missing one means
   * x86_64, Lambda's default.
   *
   * @throws IllegalArgumentException for anything but {@code x86_64} or {@code arm64}
   */
  public static Architecture fromTemplate(String name) {
    if (name == null || name.isBlank()) {
      return X86_64;
    }
    String wanted = name.strip().toLowerCase(Locale.ROOT);
    for (Architecture architecture : values()) {
      if (architecture.templateName.equals(wanted)) {
        return architecture;
      }
    }
    throw new IllegalArgumentException("Unknown Lambda architecture '" + name + "': expected x86_64 or arm64");
  }

  /** The name as a SAM template and the Lambda API spell it. */
  public String templateName() {
    return templateName;
  }
}
