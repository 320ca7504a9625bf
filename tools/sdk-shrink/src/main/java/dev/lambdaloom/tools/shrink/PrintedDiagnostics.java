package dev.lambdaloom.tools.shrink;

import com.android.tools.r8.Diagnostic;
import com.android.tools.r8.DiagnosticsHandler;

/**
 * R8's errors and warnings, printed to the build's output as R8's own command line prints them; its infos (a keep
 * rule that matches nothing in this function's jars, as the rules for HTTP clients a zip leaves out do) are not.
 */
final class PrintedDiagnostics implements DiagnosticsHandler {

  @Override
  public void error(Diagnostic diagnostic) {
    DiagnosticsHandler.printDiagnosticToStream(diagnostic, "Error", System.err);
  }

  @Override
  public void warning(Diagnostic diagnostic) {
    DiagnosticsHandler.printDiagnosticToStream(diagnostic, "Warning", System.err);
  }

  @Override
  public void info(Diagnostic diagnostic) {}
}
