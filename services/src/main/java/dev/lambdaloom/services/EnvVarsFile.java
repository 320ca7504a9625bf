package dev.lambdaloom.services;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;

/**
 * An {@code --env-vars} file in sam local's format, {@code {"Parameters": {"VAR": "value", ...}}} (Parameters apply to
 * every function), that one run of the embedded services writes and owns. It holds a database password, so it is
 * readable by its owner only, from the moment it exists. It names its writer in the variable {@value #WRITER_VARIABLE}
 * ("pid N since INSTANT"): a file without it is the user's and is never replaced; one whose writer still runs belongs
 * to that run.
 */
public final class EnvVarsFile {
  public static final String WRITER_VARIABLE = "LAMBDALOOM_SERVICES";
  private static final String PARAMETERS = "Parameters";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path path;
  private final String writer;

  private EnvVarsFile(Path path, String writer) {
    this.path = path;
    this.writer = writer;
  }

  /**
   * Checks that {@code path} may be written by this process: absent, or written by a run of the embedded services
   * that has ended. Call it before starting anything, so that a refusal costs nothing.
   *
   * @throws FileAlreadyExistsException naming why, when the file is someone else's
   */
  public static EnvVarsFile claim(Path path) throws IOException {
    Path absolute = path.toAbsolutePath().normalize();
    requireReplaceable(absolute);
    ProcessHandle self = ProcessHandle.current();
    Instant since = self.info().startInstant().orElseGet(Instant::now);
    return new EnvVarsFile(absolute, "pid " + self.pid() + " since " + since);
  }

  public Path path() {
    return path;
  }

  /**
   * Writes {@code variables} (and {@value #WRITER_VARIABLE}) as Parameters, replacing the file at once: it is created
   * beside its target with owner-only permissions, then moved over it. The file is checked again first, since the
   * user may have put one there since {@link #claim(Path)}.
   */
  public void write(Map<String, String> variables) throws IOException {
    requireReplaceable(path);
    ObjectNode root = JSON.createObjectNode();
    ObjectNode parameters = root.putObject(PARAMETERS);
    variables.forEach(parameters::put);
    parameters.put(WRITER_VARIABLE, writer);
    Path folder = Files.createDirectories(path.getParent());
    Path next;
    try {
      next = Files.createTempFile(folder, "." + path.getFileName(), ".tmp", PosixFilePermissions.asFileAttribute(
          EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE)));
    } catch (UnsupportedOperationException noPosix) {
      throw new IOException("cannot make " + path + " readable by its owner only on this file system: it would hold"
          + " a password", noPosix);
    }
    try {
      Files.write(next, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
      Files.move(next, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(next);
    }
  }

  /** Deletes the file if this run wrote it last; returns whether it did. */
  public boolean deleteIfOurs() throws IOException {
    if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS) || !writerOf(path).equals(Optional.of(writer))) {
      return false;
    }
    return Files.deleteIfExists(path);
  }

  private static void requireReplaceable(Path path) throws FileAlreadyExistsException {
    if (!Files.exists(path) && !Files.isSymbolicLink(path)) {
      return;
    }
    Optional<String> writer = writerOf(path);
    if (writer.isEmpty()) {
      throw new FileAlreadyExistsException(path.toString(), null, "it exists and was not written by Lambdaloom's"
          + " embedded services; it is left as it is: remove it or choose another file");
    }
    Optional<ProcessHandle> running = pid(writer.get()).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
    if (running.isPresent() && running.get().pid() != ProcessHandle.current().pid()) {
      throw new FileAlreadyExistsException(path.toString(), null, "the embedded services running as pid "
          + running.get().pid() + " use it: stop them or choose another file");
    }
  }

  /** The writer named in the file, if it is an env-vars file with one. */
  private static Optional<String> writerOf(Path file) {
    try {
      JsonNode writer = JSON.readTree(file.toFile()).path(PARAMETERS).path(WRITER_VARIABLE);
      return writer.isTextual() ? Optional.of(writer.asText()) : Optional.empty();
    } catch (IOException | RuntimeException unreadable) {
      return Optional.empty(); // not JSON, not a file, not readable: in any case not one we can call ours
    }
  }

  private static Optional<Long> pid(String writer) {
    String[] words = writer.split(" ");
    if (words.length >= 2 && words[0].equals("pid") && words[1].matches("\\d{1,18}")) {
      return Optional.of(Long.parseLong(words[1]));
    }
    return Optional.empty();
  }
}
