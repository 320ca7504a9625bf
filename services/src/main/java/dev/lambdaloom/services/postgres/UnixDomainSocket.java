package dev.lambdaloom.services.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/**
 * A {@link Socket} over a Unix-domain {@link SocketChannel}, for the PostgreSQL driver (see
 * {@link UnixSocketFactory}). Only what the driver calls is implemented. TCP options mean nothing
 * on a local socket and are accepted and ignored; so is the read timeout: this is for a server the
 * same process started, never for a function's connection.
 */
final class UnixDomainSocket extends Socket {
  private final Path directory;
  private SocketChannel channel;
  private InputStream in;
  private OutputStream out;
  private int soTimeout;

  UnixDomainSocket(Path directory) {
    this.directory = directory;
  }

  /** Connects to the socket file of {@code endpoint}'s port; its host is not looked at. */
  @Override
  public synchronized void connect(SocketAddress endpoint, int timeout) throws IOException {
    if (!(endpoint instanceof InetSocketAddress address)) {
      throw new SocketException("expected a host and port, got " + endpoint);
    }
    if (channel != null) {
      throw new SocketException("already connected");
    }
    Path file = directory.resolve(".s.PGSQL." + address.getPort());
    channel = SocketChannel.open(UnixDomainSocketAddress.of(file));
    in = Channels.newInputStream(channel);
    out = Channels.newOutputStream(channel);
  }

  @Override
  public void connect(SocketAddress endpoint) throws IOException {
    connect(endpoint, 0);
  }

  @Override
  public void bind(SocketAddress local) throws IOException {
    throw new SocketException("a Unix-domain socket to PostgreSQL binds no local address");
  }

  @Override
  public synchronized boolean isConnected() {
    return channel != null && channel.isConnected();
  }

  @Override
  public synchronized boolean isClosed() {
    return channel != null && !channel.isOpen();
  }

  @Override
  public synchronized InputStream getInputStream() throws IOException {
    return connected(in);
  }

  @Override
  public synchronized OutputStream getOutputStream() throws IOException {
    return connected(out);
  }

  private <T> T connected(T stream) throws SocketException {
    if (channel == null || !channel.isOpen()) {
      throw new SocketException("not connected");
    }
    return stream;
  }

  @Override
  public synchronized void close() throws IOException {
    if (channel != null) {
      channel.close();
    }
  }

  @Override
  public void setSoTimeout(int timeout) {
    soTimeout = timeout;
  }

  @Override
  public int getSoTimeout() {
    return soTimeout;
  }

  @Override
  public void setTcpNoDelay(boolean on) {}

  @Override
  public boolean getTcpNoDelay() {
    return true;
  }

  @Override
  public void setKeepAlive(boolean on) {}

  @Override
  public boolean getKeepAlive() {
    return false;
  }

  @Override
  public void setReceiveBufferSize(int size) {}

  @Override
  public int getReceiveBufferSize() {
    return 64 * 1024;
  }

  @Override
  public void setSendBufferSize(int size) {}

  @Override
  public int getSendBufferSize() {
    return 64 * 1024;
  }

  @Override
  public String toString() {
    return "UnixDomainSocket[" + directory + "]";
  }
}
