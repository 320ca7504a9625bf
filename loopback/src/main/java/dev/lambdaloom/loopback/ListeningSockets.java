package dev.lambdaloom.loopback;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Which TCP ports processes listen on, and on which address, read from Linux's {@code /proc}: the kernel's TCP tables
 * ({@code /proc/<pid>/net/tcp}, {@code tcp6}) give each listening socket's address and inode, and
 * {@code /proc/<pid>/fd} says which process holds which socket inode. It lets a test check that a server is
 * reachable from this machine only, whatever the server's own settings claim, without {@code ss} or {@code netstat}.
 */
public final class ListeningSockets {
  private static final Path PROC = Path.of("/proc");
  private static final String SOCKET_LINK_PREFIX = "socket:[";

  private ListeningSockets() {}

  /**
   * Every listening socket the given processes hold. A process that ended meanwhile holds nothing; one whose
   * descriptors this process may not read fails the call, since leaving it out would hide its sockets.
   *
   * @throws UnsupportedOperationException where there is no Linux {@code /proc}
   */
  public static List<ListeningSocket> heldBy(Collection<ProcessHandle> processes) {
    requireProc();
    List<ListeningSocket> sockets = new ArrayList<>();
    for (ProcessHandle process : processes) {
      Set<Long> inodes;
      try {
        inodes = socketInodes(process.pid());
      } catch (NoSuchFileException ended) {
        continue;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the descriptors of process " + process.pid(), e);
      }
      if (inodes.isEmpty()) {
        continue;
      }
      // Every process here may be in another network namespace: read the tables as that process sees them.
      Map<Long, ProcNetTcp.Listener> seen = listeners(process.pid());
      for (long inode : inodes) {
        ProcNetTcp.Listener listener = seen.get(inode);
        if (listener != null) {
          sockets.add(new ListeningSocket(listener.address(), listener.port(), process.pid()));
        }
      }
    }
    return List.copyOf(sockets);
  }

  /** Every listening socket of this JVM and of all its descendants (child processes and theirs). */
  public static List<ListeningSocket> ofThisProcessTree() {
    return heldBy(withDescendants(ProcessHandle.current()));
  }

  /**
   * The processes listening on {@code port} in this network namespace, among those whose descriptors this process
   * may read (all of them as root): e.g. a daemon a child started and that is no longer its descendant.
   */
  public static List<ProcessHandle> listeningOn(int port) {
    requireProc();
    Set<Long> inodes = new LinkedHashSet<>();
    for (ProcNetTcp.Listener listener : listeners(ProcessHandle.current().pid()).values()) {
      if (listener.port() == port) {
        inodes.add(listener.inode());
      }
    }
    List<ProcessHandle> owners = new ArrayList<>();
    if (inodes.isEmpty()) {
      return owners;
    }
    try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
      for (ProcessHandle process : (Iterable<ProcessHandle>) all::iterator) {
        try {
          if (!Collections.disjoint(socketInodes(process.pid()), inodes)) {
            owners.add(process);
          }
        } catch (NoSuchFileException | AccessDeniedException notOurs) {
          // ended meanwhile, or another user's: not one we can account for
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read the descriptors of process " + process.pid(), e);
        }
      }
    }
    return owners;
  }

  /** {@code process} followed by its descendants. */
  public static List<ProcessHandle> withDescendants(ProcessHandle process) {
    List<ProcessHandle> tree = new ArrayList<>();
    tree.add(process);
    try (Stream<ProcessHandle> descendants = process.descendants()) {
      descendants.forEach(tree::add);
    }
    return tree;
  }

  private static Set<Long> socketInodes(long pid) throws IOException {
    Set<Long> inodes = new LinkedHashSet<>();
    try (DirectoryStream<Path> descriptors = Files.newDirectoryStream(PROC.resolve(Long.toString(pid)).resolve("fd"))) {
      for (Path descriptor : descriptors) {
        String target;
        try {
          target = Files.readSymbolicLink(descriptor).toString();
        } catch (NoSuchFileException closed) {
          continue; // closed between listing and reading
        }
        if (target.startsWith(SOCKET_LINK_PREFIX) && target.endsWith("]")) {
          inodes.add(Long.parseLong(target.substring(SOCKET_LINK_PREFIX.length(), target.length() - 1)));
        }
      }
    }
    return inodes;
  }

  /** The listening sockets in the network namespace of {@code pid}, by inode. */
  private static Map<Long, ProcNetTcp.Listener> listeners(long pid) {
    Map<Long, ProcNetTcp.Listener> byInode = new HashMap<>();
    for (String table : List.of("tcp", "tcp6")) {
      Path file = PROC.resolve(Long.toString(pid)).resolve("net").resolve(table);
      try {
        for (ProcNetTcp.Listener listener : ProcNetTcp.listeners(Files.readAllLines(file))) {
          byInode.put(listener.inode(), listener);
        }
      } catch (NoSuchFileException noTable) {
        // no IPv6 in this kernel, or the process ended: nothing listens there
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
    }
    return byInode;
  }

  private static void requireProc() {
    if (!Files.isDirectory(PROC.resolve("self").resolve("fd"))) {
      throw new UnsupportedOperationException("listening sockets are read from Linux's /proc, which this system lacks");
    }
  }
}
