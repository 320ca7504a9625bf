package dev.lambdaloom.loopback;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Linux's table of TCP sockets ({@code /proc/<pid>/net/tcp} and {@code tcp6}), read for the sockets in LISTEN state.
 * A line is {@code sl local_address rem_address st ... uid timeout inode ...}; the local address is the kernel's
 * in-memory address printed as 32-bit words in hex, so each word's bytes come out in this machine's byte order.
 */
final class ProcNetTcp {
  /** TCP_LISTEN in the kernel's tcp_states.h, as the {@code st} column prints it. */
  private static final String LISTEN = "0A";
  private static final int LOCAL_ADDRESS = 1;
  private static final int STATE = 3;
  private static final int INODE = 9;

  /** A socket in LISTEN state: where it is bound and the inode that names it in {@code /proc/<pid>/fd}. */
  record Listener(InetAddress address, int port, long inode) {}

  private ProcNetTcp() {}

  /** The listening sockets of one table's lines (its header line included). */
  static List<Listener> listeners(List<String> lines) {
    List<Listener> listeners = new ArrayList<>();
    for (String line : lines) {
      String[] fields = line.trim().split("\\s+");
      if (fields.length <= INODE || !fields[0].endsWith(":") || !fields[STATE].equals(LISTEN)) {
        continue; // the header, or a socket that does not listen
      }
      String local = fields[LOCAL_ADDRESS];
      int colon = local.indexOf(':');
      if (colon < 0) {
        throw new IllegalArgumentException("no address:port in a TCP table line: " + line);
      }
      listeners.add(new Listener(address(local.substring(0, colon)), Integer.parseInt(local.substring(colon + 1), 16),
          Long.parseLong(fields[INODE])));
    }
    return listeners;
  }

  /** 8 hex digits for IPv4, 32 for IPv6; an IPv4-mapped IPv6 address comes back as the IPv4 one. */
  static InetAddress address(String hex) {
    if (hex.length() != 8 && hex.length() != 32) {
      throw new IllegalArgumentException("not an address in a TCP table: " + hex);
    }
    ByteBuffer bytes = ByteBuffer.allocate(hex.length() / 2).order(ByteOrder.nativeOrder());
    for (int word = 0; word < hex.length(); word += 8) {
      bytes.putInt(HexFormat.fromHexDigits(hex, word, word + 8));
    }
    try {
      return InetAddress.getByAddress(bytes.array());
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an address in a TCP table: " + hex, e);
    }
  }
}
