package space.lunarbase.fsw.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.fsw.Firmware;

/**
 * A hostile broker stalls the controller's receive thread while its connection looks alive: after
 * CONNACK it announces a PUBLISH of 100 MB and then sends its body a byte at a time. Paho's receive
 * thread allocates the packet and waits for the rest; the bytes that trickle in keep Paho's keepalive
 * satisfied, and telemetry still goes out. Only the link's own probe notices: nothing arrives, so
 * the receive path is declared dead. (A broker that honours the announced Maximum Packet Size never
 * sends such a packet; this one is what the link must survive if one does.)
 */
class HostileBrokerTest {

  @Test
  void aReceiveThreadStalledByTheBrokerIsSeenByTheProbeWhilePahoSeesALiveConnection(@TempDir Path data)
      throws Exception {
    try (StallingBroker broker = new StallingBroker();
         ApplicationContext firmware = Firmware.start(data, Map.of("lunarbase.link.broker-url", broker.url(),
             "lunarbase.link.probe-period", "200ms", "lunarbase.link.receive-timeout", "3s"))) {
      MqttLink link = firmware.getBean(MqttLink.class);
      await("connected").atMost(Duration.ofSeconds(10)).until(link::isConnected);
      long bytesAtStall = broker.received();

      await("receive path found dead").atMost(Duration.ofSeconds(15)).until(() -> link.failure().isPresent());

      assertThat(link.failure().orElseThrow()).contains("nothing received for").contains("stalled");
      assertThat(link.isConnected()).as("Paho still sees a live connection").isTrue();
      assertThat(broker.received()).as("the controller kept sending meanwhile").isGreaterThan(bytesAtStall);
      assertThat(link.health().status().name()).isEqualTo("STATUS_FAILED");
    }
  }

  /**
   * Speaks just enough MQTT 5 to be connected to: CONNACK, then the stalling PUBLISH; reads and
   * discards whatever the client sends.
   */
  static final class StallingBroker implements AutoCloseable {
    /** A PUBLISH (QoS 0) whose remaining length is 100,663,296 bytes: 0x30, then 0x80 0x80 0x80 0x30. */
    static final byte[] HUGE_PUBLISH_HEADER = {0x30, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x30};
    /** CONNACK: no session present, success, no properties. */
    static final byte[] CONNACK = {0x20, 0x03, 0x00, 0x00, 0x00};

    private final ServerSocket listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
    private final AtomicBoolean open = new AtomicBoolean(true);
    private volatile long received;
    private volatile Socket client;

    StallingBroker() throws IOException {
      Thread.ofVirtual().name("stalling-broker").start(this::serve);
    }

    String url() {
      return "tcp://127.0.0.1:" + listener.getLocalPort();
    }

    long received() {
      return received;
    }

    private void serve() {
      try (Socket socket = listener.accept()) {
        client = socket;
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        readPacket(in);                                   // CONNECT
        out.write(CONNACK);
        out.write(HUGE_PUBLISH_HEADER);
        out.flush();
        Thread.ofVirtual().start(() -> drain(in));
        while (open.get()) {                               // the body, a byte every 200 ms
          out.write(0);
          out.flush();
          java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
      } catch (IOException e) {
        // the test is over
      }
    }

    private void drain(InputStream in) {
      byte[] buffer = new byte[8192];
      try {
        int n;
        while ((n = in.read(buffer)) >= 0) {
          received += n;
        }
      } catch (IOException e) {
        // closed
      }
    }

    private static void readPacket(InputStream in) throws IOException {
      in.read();
      int length = 0;
      int shift = 0;
      int b;
      do {
        b = in.read();
        length |= (b & 0x7F) << shift;
        shift += 7;
      } while ((b & 0x80) != 0);
      in.readNBytes(length);
    }

    @Override
    public void close() throws IOException {
      open.set(false);
      listener.close();
      if (client != null) {
        client.close();
      }
    }
  }
}
