package dev.lambdaloom.tools.shrink;

import com.android.tools.r8.ByteDataView;
import com.android.tools.r8.ClassFileConsumer;
import com.android.tools.r8.DiagnosticsHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/**
 * The jar a function's zip carries in place of its SDK jars: the SDK classes R8 kept, then the SDK's resources.
 *
 * <p>R8 hands over every program class it keeps, the roots too: the project's classes (all under {@code dev/lambdaloom})
 * are dropped, since the zip carries them as they are. {@link #accept} may be called from R8's worker threads; the
 * classes wait in a concurrent sorted map, so that the jar's entries come in the same order on every build. The jar is
 * written to the work folder when R8 finishes, and moved into place by {@link #publish} once R8 has also returned
 * without an error (R8 reports missing classes after its output is finished): a failed run leaves no jar to package.
 */
final class ShrunkJar implements ClassFileConsumer {
  /** Every entry's time: the jar's bytes depend on its content only (reproducible builds). */
  private static final long ENTRY_TIME = 946_684_800_000L; // 2000-01-01T00:00:00Z

  private final Path out;
  private final Path work;
  private final SdkResources resources;
  private final Map<String, byte[]> classes = new ConcurrentSkipListMap<>();
  /** Set once by {@link #finished}, on R8's thread; read by {@link #publish} after R8 has returned. */
  private volatile Path partial;

  ShrunkJar(Path out, Path work, SdkResources resources) {
    this.out = out;
    this.work = work;
    this.resources = resources;
  }

  @Override
  public void accept(ByteDataView data, String descriptor, DiagnosticsHandler handler) {
    if (!descriptor.startsWith("L") || !descriptor.endsWith(";")) {
      throw new IllegalArgumentException("R8 handed over a class with descriptor " + descriptor);
    }
    String name = descriptor.substring(1, descriptor.length() - 1) + ".class";
    if (!name.startsWith("dev/lambdaloom/")) {
      classes.put(name, data.copyByteData());
    }
  }

  @Override
  public void finished(DiagnosticsHandler handler) {
    try {
      Files.createDirectories(work);
      Path written = Files.createTempFile(work, out.getFileName().toString(), ".partial");
      // Readable by all, whatever the umask (a temporary file is its owner's only): Lambda runs the function as a user
      // that must read every file of the zip. The zip descriptors set the modes too; this keeps the jar right alone.
      if (Files.getFileStore(written).supportsFileAttributeView(PosixFileAttributeView.class)) {
        Files.setPosixFilePermissions(written, PosixFilePermissions.fromString("rw-r--r--"));
      }
      try (OutputStream file = Files.newOutputStream(written); JarOutputStream jar = new JarOutputStream(file)) {
        for (Map.Entry<String, byte[]> entry : classes.entrySet()) {
          jar.putNextEntry(entry(entry.getKey()));
          jar.write(entry.getValue());
          jar.closeEntry();
        }
        resources.copyTo((name, content) -> {
          jar.putNextEntry(entry(name));
          jar.write(content);
          jar.closeEntry();
        });
      }
      partial = written;
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the shrunk SDK jar " + out, e);
    }
  }

  /** Moves the finished jar into place; after R8 has returned without an error only. */
  void publish() throws IOException {
    Path written = partial;
    if (written == null) {
      throw new IllegalStateException("R8 returned without finishing its output: no shrunk jar to publish");
    }
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.move(written, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Deletes a jar written by a run that failed after its output was finished. */
  void discard() throws IOException {
    Path written = partial;
    if (written != null) {
      Files.deleteIfExists(written);
    }
  }

  private static JarEntry entry(String name) {
    JarEntry entry = new JarEntry(name);
    entry.setTime(ENTRY_TIME);
    return entry;
  }
}
