package dev.lambdaloom.loopback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Lines as a little-endian Linux kernel prints them in /proc/net/tcp and tcp6. */
class ProcNetTcpTest {
  @BeforeEach
  void littleEndian() {
    assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "the sample lines are a little-endian kernel's");
  }

  @Test
  void readsTheAddressPortAndInodeOfListeningIpv4SocketsOnly() throws Exception {
    List<String> table = List.of(
        "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode",
        "   0: 00000000:07E8 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1062 1 0000000029207dd0 100 0 0 10 0",
        "   1: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 2077 1 0000000029207dd0 100 0 0 10 0",
        "   2: 0100007F:1F90 0100007F:C350 01 00000000:00000000 00:00000000 00000000     0        0 3088 1 0000000029207dd0 20 4 30 10 -1",
        "   3: 0A00020F:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4099 1 0000000029207dd0 100 0 0 10 0");

    assertThat(ProcNetTcp.listeners(table)).containsExactly(
        new ProcNetTcp.Listener(InetAddress.getByName("0.0.0.0"), 2024, 1062),
        new ProcNetTcp.Listener(InetAddress.getByName("127.0.0.1"), 8080, 2077),
        new ProcNetTcp.Listener(InetAddress.getByName("15.2.0.10"), 22, 4099));
  }

  @Test
  void readsIpv6WildcardLoopbackAndMappedIpv4Addresses() throws Exception {
    List<String> table = List.of(
        "  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode",
        "   0: 0000000000000000FFFF00000100007F:A4C9 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 23448 1 0000000066d725e9 100 0 0 10 0",
        "   1: 00000000000000000000000000000000:9CCF 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 23656 1 00000000ed37e553 100 0 0 10 0",
        "   2: 00000000000000000000000001000000:0050 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 23700 1 00000000ed37e553 100 0 0 10 0");

    List<ProcNetTcp.Listener> listeners = ProcNetTcp.listeners(table);

    assertThat(listeners).extracting(ProcNetTcp.Listener::port).containsExactly(0xA4C9, 0x9CCF, 80);
    assertThat(listeners.get(0).address()).isEqualTo(InetAddress.getByName("127.0.0.1"));
    assertThat(listeners.get(1).address()).isEqualTo(InetAddress.getByName("::"));
    assertThat(listeners.get(1).address().isAnyLocalAddress()).isTrue();
    assertThat(listeners.get(2).address()).isEqualTo(InetAddress.getByName("::1"));
  }

  @Test
  void aLineWithoutAnAddressIsAnErrorNotASkippedSocket() {
    List<String> table = List.of("   0: 0100007F 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1062 1 0 100 0 0 10 0");

    assertThatThrownBy(() -> ProcNetTcp.listeners(table)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no address:port");
  }
}
