package dev.lambdaloom.services.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Who may log in to the embedded server: its {@code pg_hba.conf}, written before every start so a
 * kept data folder (or one from before passwords) gets the same rules. initdb's defaults trust
 * everyone on 127.0.0.1 and on the shared {@code /tmp} socket: any local user would be a superuser.
 *
 * <p>Over TCP (127.0.0.1 only) the password is required, checked with SCRAM-SHA-256. Over the
 * Unix-domain socket, which {@link PostgresServer} puts in a folder only its own OS user can enter,
 * the postgres role is trusted: that is how the server's new password is set at each start, before
 * any TCP client can log in, and it grants nothing that user lacks (it owns the data folder). Any
 * other connection matches no line and is refused.
 */
final class AccessRules {
  static final String FILE = "pg_hba.conf";

  private static final String RULES = """
      # Written by Lambdaloom's PostgresServer before every start; edits here are overwritten.
      # TYPE  DATABASE  USER      ADDRESS       METHOD
      host    all       all       127.0.0.1/32  scram-sha-256
      local   all       postgres                trust
      """;

  private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

  private AccessRules() {}

  static void writeTo(Path dataDirectory) {
    Path target = dataDirectory.resolve(FILE);
    Path written = dataDirectory.resolve(FILE + ".new");
    try {
      Files.deleteIfExists(written);
      Files.createFile(written, OWNER_ONLY); // like initdb's: readable by the server's user alone
      Files.writeString(written, RULES);
      Files.move(written, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    }
  }
}
