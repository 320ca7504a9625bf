package dev.lambdaloom.runtimes.al2023;

import java.util.Locale;

/**
 * The custom-runtime zip's size budgets (the POM's custom-runtime.budget-mb and custom-runtime.unzipped-budget-mb, where
 * the choice is explained): Lambda's hard limit is 250 MB unzipped; the zipped budget is set from what the zips weigh,
 * so that a zip that grows (a new dependency, a bigger JDK image, an AOT cache that swells) is noticed at build time.
 */
final class SizeBudget {
  private SizeBudget() {
  }

  static void check(CustomRuntimeBuild.Built built, long budgetBytes, long unzippedBudgetBytes) {
    if (built.unzippedBytes() > unzippedBudgetBytes) {
      throw new CustomRuntimeException(String.format(Locale.ROOT,
          "%s's custom-runtime zip %s holds %.1f MB unzipped, over its budget of %.0f MB (Lambda's limit is 250 MB "
              + "unzipped, layers included). Fix: trim the function's dependencies or the JDK image's modules "
              + "(runtimes/al2023/target/jre.modules), or raise -Dcustom-runtime.unzipped-budget-mb "
              + "(runtimes/al2023/pom.xml) if the growth is wanted",
          built.function(), built.zip().getFileName(), built.unzippedBytes() / 1048576.0, unzippedBudgetBytes / 1048576.0));
    }
    if (built.zipBytes() > budgetBytes) {
      throw new CustomRuntimeException(String.format(Locale.ROOT,
          "%s's custom-runtime zip %s is %.1f MB, over its budget of %.0f MB (above 50 MB it deploys through S3 only, as sam deploy does). "
              + "Fix: trim the function's dependencies or the JDK image's modules (runtimes/al2023/target/jre.modules), "
              + "or raise -Dcustom-runtime.budget-mb (runtimes/al2023/pom.xml) if the growth is wanted",
          built.function(), built.zip().getFileName(), built.zipBytes() / 1048576.0, budgetBytes / 1048576.0));
    }
  }
}
