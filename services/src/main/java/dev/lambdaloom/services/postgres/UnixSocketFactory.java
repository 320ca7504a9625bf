package dev.lambdaloom.services.postgres;

import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Path;
import javax.net.SocketFactory;

/**
 * Lets the PostgreSQL JDBC driver reach a server through its Unix-domain socket, which the driver
 * cannot do by itself: name this class as the {@code socketFactory} connection property and the
 * socket's folder as {@code socketFactoryArg}. The host of the URL is then ignored and its port
 * picks the socket file ({@code .s.PGSQL.<port>}), as libpq does with a folder for a host.
 */
public final class UnixSocketFactory extends SocketFactory {
  private final Path directory;

  /** Called by the driver with the {@code socketFactoryArg} property. */
  public UnixSocketFactory(String directory) {
    if (directory == null || directory.isBlank()) {
      throw new IllegalArgumentException("socketFactoryArg must name the folder of PostgreSQL's socket");
    }
    this.directory = Path.of(directory);
  }

  @Override
  public Socket createSocket() {
    return new UnixDomainSocket(directory);
  }

  @Override
  public Socket createSocket(String host, int port) throws SocketException {
    throw unconnectedOnly();
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws SocketException {
    throw unconnectedOnly();
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws SocketException {
    throw unconnectedOnly();
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws SocketException {
    throw unconnectedOnly();
  }

  private static SocketException unconnectedOnly() {
    return new SocketException("a Unix-domain socket is created unconnected and connected to a port's socket file");
  }
}
