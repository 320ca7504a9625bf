package dev.lambdaloom.loopback;

import java.net.InetAddress;

/**
 * A TCP socket in LISTEN state and a process that holds it.
 *
 * @param address where it is bound: a loopback address, a wildcard (0.0.0.0, ::) or an interface's address
 * @param port its port
 * @param pid the process holding it (a socket inherited by a child is held by both)
 */
public record ListeningSocket(InetAddress address, int port, long pid) {
  /** Reachable from this machine only: bound to 127.0.0.0/8 or ::1, not to a wildcard or an interface. */
  public boolean loopbackOnly() {
    return address.isLoopbackAddress();
  }

  @Override
  public String toString() {
    String host = address.getHostAddress();
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port + " (pid " + pid + ")";
  }
}
