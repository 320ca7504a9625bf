package dev.lambdaloom.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Turns a CodeUri into a task root, the folder Lambda calls /var/task: a directory is used as it
 * is; a .zip or .jar is unpacked once (keyed by path, size and modification time) into a cache and
 * shared read-only by every container of the function, as Lambda does.
 *
 * <p>Lambda runs the code as a user that owns none of its files, so it reads them through their "others" bits: a
 * zip entry without them fails on AWS with "permission denied" while the emulator, which runs the code as the
 * files' owner, could read it. Such a zip is refused here, naming the entries ({@link InvalidEntrypointException}).
 * Entries made without Unix modes (by Windows tools) are not judged.
 */
final class CodeUnpacker {
  /** How many unreadable entries an error names before it only counts the rest. */
  private static final int MAX_NAMED = 10;

  private final Path cacheRoot;

  CodeUnpacker(Path cacheRoot) {
    this.cacheRoot = cacheRoot;
  }

  synchronized Path taskRoot(Path codeUri) {
    if (Files.isDirectory(codeUri)) {
      return codeUri;
    }
    if (!Files.isRegularFile(codeUri)) {
      throw new IllegalArgumentException("CodeUri " + codeUri
          + " does not exist; build the function first (./mvnw package)");
    }
    String name = codeUri.getFileName().toString();
    if (!name.endsWith(".zip") && !name.endsWith(".jar")) {
      throw new IllegalArgumentException("CodeUri " + codeUri + " must be a directory, a .zip or a .jar");
    }
    try {
      Path target = cacheRoot.resolve(name + "-" + fingerprint(codeUri));
      if (Files.isDirectory(target)) {
        return target;
      }
      Files.createDirectories(cacheRoot);
      Path staging = Files.createTempDirectory(cacheRoot, "unpacking-");
      List<String> unreadable;
      try {
        unreadable = unzip(codeUri, staging);
      } catch (IOException e) {
        deleteTree(staging);
        throw e;
      }
      if (!unreadable.isEmpty()) {
        deleteTree(staging);
        throw new InvalidEntrypointException(unreadableByLambda(codeUri, unreadable));
      }
      try {
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
        deleteTree(staging); // another container unpacked it first
      } catch (IOException e) {
        if (!Files.isDirectory(target)) {
          throw e;
        }
        deleteTree(staging);
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot unpack " + codeUri + ": " + e.getMessage(), e);
    }
  }

  private static String fingerprint(Path file) throws IOException {
    String key = file.toAbsolutePath() + "|" + Files.size(file) + "|" + Files.getLastModifiedTime(file).toMillis();
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Unpacks with the zip file system so that Unix permissions (an executable bootstrap) survive.
   *
   * @return the entries Lambda's user could not read (files) or enter (folders), with their modes
   */
  private static List<String> unzip(Path archive, Path into) throws IOException {
    List<String> unreadable = new ArrayList<>();
    // Opened by path, not by URI: a private file system, so concurrent unpacks do not collide.
    try (FileSystem zip = FileSystems.newFileSystem(archive, Map.of("enablePosixFileAttributes", "true"));
        Stream<Path> entries = Files.walk(zip.getPath("/"))) {
      for (Path entry : (Iterable<Path>) entries::iterator) {
        Path target = into.resolve(entry.toString().substring(1)).normalize();
        if (!target.startsWith(into)) {
          throw new IOException("zip entry escapes the task root: " + entry);
        }
        if (target.equals(into)) {
          continue; // the zip file system's root, no entry of the archive
        }
        Set<PosixFilePermission> permissions = posixPermissions(entry);
        boolean directory = Files.isDirectory(entry);
        if (permissions != null && !readableByOthers(permissions, directory)) {
          unreadable.add(into.relativize(target) + (directory ? "/ " : " ") + PosixFilePermissions.toString(permissions));
        }
        if (directory) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(entry, target, StandardCopyOption.REPLACE_EXISTING);
          if (permissions != null && !permissions.isEmpty()) {
            Files.setPosixFilePermissions(target, permissions);
          }
          // The entry's time, as unzip keeps it: a JDK AOT cache records its class path jars' modification times
          // and is refused when they differ (a custom runtime's cache would then never be used).
          Files.setLastModifiedTime(target, Files.getLastModifiedTime(entry));
        }
      }
    }
    return unreadable;
  }

  /** A file Lambda's user can read, a folder it can list and enter. */
  private static boolean readableByOthers(Set<PosixFilePermission> permissions, boolean directory) {
    return permissions.contains(PosixFilePermission.OTHERS_READ)
        && (!directory || permissions.contains(PosixFilePermission.OTHERS_EXECUTE));
  }

  private static String unreadableByLambda(Path archive, List<String> unreadable) {
    int shown = Math.min(unreadable.size(), MAX_NAMED);
    String named = String.join(", ", unreadable.subList(0, shown))
        + (unreadable.size() > shown ? " and " + (unreadable.size() - shown) + " more" : "");
    return archive + ": Lambda's user cannot read " + unreadable.size() + (unreadable.size() == 1 ? " entry" : " entries")
        + " (" + named + "). Lambda runs the code as a user that owns none of its files, so files need mode 644 and"
        + " folders and executables 755: set them before zipping (chmod, or fileMode 0644 and directoryMode 0755 in a"
        + " Maven assembly). On AWS this code fails at start with permission denied; the emulator, which runs it as"
        + " the files' owner, refuses it here";
  }

  private static Set<PosixFilePermission> posixPermissions(Path entry) {
    try {
      return Files.getPosixFilePermissions(entry);
    } catch (UnsupportedOperationException | IOException e) {
      return null; // made without Unix permissions: keep the defaults
    }
  }

  static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          // best effort: a temp folder
        }
      });
    } catch (IOException | java.io.UncheckedIOException e) {
      // best effort; the walk also fails when another thread (a container's close, the emulator's) removes
      // part of the tree at the same time
    }
  }
}
