package dev.lambdaloom.loopback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FreePortTest {

  @Test
  void aStartThatLostItsPortGoesAgainOnAnotherOne() throws Exception {
    List<Integer> tried = new ArrayList<>();

    try (ServerSocket server = FreePort.start(port -> {
      tried.add(port);
      if (tried.size() == 1) throw new BindException("taken meanwhile: " + port);
      return new ServerSocket(port, 1, InetAddress.getLoopbackAddress());
    }, failure -> failure instanceof BindException)) {
      assertThat(tried).hasSize(2);
      assertThat(server.getLocalPort()).isEqualTo(tried.get(1));
    }
  }

  @Test
  void otherFailuresAndTheLastAttemptAreFinal() {
    List<Integer> tried = new ArrayList<>();

    assertThatThrownBy(() -> FreePort.start(port -> {
      tried.add(port);
      throw new IOException("broken install");
    }, failure -> failure instanceof BindException)).hasMessage("broken install");
    assertThat(tried).hasSize(1);

    tried.clear();
    assertThatThrownBy(() -> FreePort.start(port -> {
      tried.add(port);
      throw new BindException("taken");
    }, failure -> failure instanceof BindException)).isInstanceOf(BindException.class);
    assertThat(tried).hasSize(3);
  }
}
