package space.lunarbase.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DelayRelayTest {

  private static final Duration DELAY = Duration.ofMillis(300);

  @Test
  void every_byte_arrives_late_by_the_delay_each_way_and_in_order() throws Exception {
    try (ServerSocket echo = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
         DelayRelay relay = DelayRelay.to(echo.getLocalPort(), DELAY);
         Socket client = new Socket(InetAddress.getLoopbackAddress(), relay.port())) {
      Thread.ofVirtual().start(() -> echoAll(echo));
      DataOutputStream out = new DataOutputStream(client.getOutputStream());
      DataInputStream in = new DataInputStream(client.getInputStream());
      long start = System.nanoTime();
      for (int i = 0; i < 10_000; i++) {
        out.writeInt(i);
      }
      out.flush();
      int first = in.readInt();
      Duration roundTrip = Duration.ofNanos(System.nanoTime() - start);
      assertThat(first).isZero();
      assertThat(roundTrip).as("there and back").isBetween(DELAY.multipliedBy(2), DELAY.multipliedBy(2).plusSeconds(1));
      for (int i = 1; i < 10_000; i++) {
        assertThat(in.readInt()).isEqualTo(i);
      }
      assertThat(relay.relayedBytes()).isEqualTo(2 * 4 * 10_000);
    }
  }

  @Test
  void a_blocked_link_closes_its_connections_and_refuses_new_ones_until_unblocked() throws Exception {
    try (ServerSocket echo = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
         DelayRelay relay = DelayRelay.to(echo.getLocalPort(), Duration.ZERO)) {
      Thread.ofVirtual().start(() -> {
        while (!echo.isClosed()) {
          echoAll(echo);
        }
      });
      Socket before = new Socket(InetAddress.getLoopbackAddress(), relay.port());
      await().atMost(Duration.ofSeconds(5)).until(() -> relay.connections() == 1);
      relay.block();
      assertThat(before.getInputStream().read()).as("closed by the outage").isEqualTo(-1);
      assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), relay.port()).close())
          .as("refused while blocked").isInstanceOf(java.net.ConnectException.class);
      relay.unblock();
      try (Socket after = new Socket(InetAddress.getLoopbackAddress(), relay.port())) {
        after.getOutputStream().write(42);
        assertThat(after.getInputStream().read()).isEqualTo(42);
      }
      before.close();
    }
  }

  private static void echoAll(ServerSocket server) {
    try (Socket socket = server.accept()) {
      socket.getInputStream().transferTo(socket.getOutputStream());
    } catch (IOException e) {
      // closed at the end of the test
    }
  }
}
