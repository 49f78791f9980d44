package space.lunarbase.hil;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.hil.rig.FirmwareProcess;
import space.lunarbase.proto.v1.ControllerState;
import space.lunarbase.proto.v1.ControllerState.Status;
import space.lunarbase.proto.v1.Header;
import space.lunarbase.proto.v1.TelemetryFrame;
import space.lunarbase.testkit.MosquittoBroker;
import space.lunarbase.testkit.MqttRecorder;
import space.lunarbase.testkit.MqttRecorder.Received;
import space.lunarbase.testkit.TcpProxy;

/**
 * The controller process killed with SIGKILL while its network is down and frames wait in its
 * journal: the broker declares it dead within 1.5 keepalive intervals, and the next boot replays
 * the frames of the boot that died.
 */
class CrashRecoveryTest {

  static final String STATE = "lunarbase/v1/hil/sim-1/state";
  static final String BANK = "lunarbase/v1/hil/sim-1/tlm/bank";
  static final Duration KEEPALIVE = Duration.ofSeconds(2);
  /**
   * How late Mosquitto 2.0.11 can be past 1.5 keepalive intervals, from its {@code keepalive__check}:
   * it keeps time in whole seconds (a client expires once the whole seconds since its last packet
   * exceed 1.5 intervals, up to 1 s after the exact moment) and runs the check only when more than
   * 5 whole seconds have passed since the last one (every 6 s). Measured here, a silent client with
   * keepalive 1, 2, 3, 5, 10 s was declared dead after 5.4, 5.8-9.1, 5.7, 11.9, 17.7 s.
   */
  static final Duration BROKER_LATENESS = Duration.ofSeconds(1 + 6);
  /** The will going from the broker to the recorder on a loaded 2-core machine. */
  static final Duration DELIVERY = Duration.ofSeconds(1);

  @Test
  void killedWithFramesInItsJournalTheNextBootReplaysThem(@TempDir Path data) {
    try (MosquittoBroker broker = MosquittoBroker.start();
         TcpProxy network = TcpProxy.to(broker.port());
         MqttRecorder recorder = MqttRecorder.subscribe(broker.url(), "lunarbase/v1/hil/sim-1/#")) {
      String[] args = MainCommandTest.args(data, "--lunarbase.link.broker-url=" + network.url(),
          "--lunarbase.bank.sample-period=50ms", "--lunarbase.link.keepalive=" + KEEPALIVE.toSeconds() + "s");
      try (FirmwareProcess first = FirmwareProcess.start(args)) {
        recorder.awaitMatch(STATE, m -> state(m).getStatus() == Status.STATUS_ONLINE, MainCommandTest.START);
        recorder.awaitCount(BANK, 10, Duration.ofSeconds(20));

        // the network hangs without closing anything: only keepalive can tell
        network.freeze();
        long frozeAt = System.nanoTime();
        ControllerState death = state(recorder.awaitMatch(STATE,
            m -> !m.retained() && state(m).getStatus() == Status.STATUS_OFFLINE, Duration.ofSeconds(20)));
        Duration seenAfter = Duration.ofNanos(System.nanoTime() - frozeAt);
        assertThat(death.getReason()).isEqualTo("connection lost");
        assertThat(seenAfter).as("death seen within 1.5 keepalive intervals, the broker's lateness and the delivery")
            .isLessThanOrEqualTo(KEEPALIVE.multipliedBy(3).dividedBy(2).plus(BROKER_LATENESS).plus(DELIVERY));

        network.block();
        network.thaw();
        await("frames journaled while away").atMost(Duration.ofSeconds(20))
            .until(() -> journalBytes(data) > 4_000);
        first.kill(Duration.ofSeconds(10));
      }
      network.unblock();

      try (FirmwareProcess second = FirmwareProcess.start(args)) {
        ControllerState reborn = state(recorder.awaitMatch(STATE,
            m -> state(m).getStatus() == Status.STATUS_ONLINE && state(m).getBootCount() == 2, MainCommandTest.START));
        assertThat(reborn.getHeader().getBootCount()).isEqualTo(2);
        await("boot 1's journaled frames replayed").atMost(Duration.ofSeconds(30)).until(() ->
            headers(recorder).filter(h -> h.getBootCount() == 1 && h.getHistorical()).count() >= 20);
        await("live frames of boot 2").atMost(Duration.ofSeconds(30)).until(() ->
            headers(recorder).anyMatch(h -> h.getBootCount() == 2 && !h.getHistorical()));
        second.terminate(Duration.ofSeconds(20));
      }

      List<Long> bootOne = headers(recorder).filter(h -> h.getBootCount() == 1).map(Header::getSequence)
          .distinct().sorted().toList();
      long highest = bootOne.getLast();
      assertThat(bootOne).as("boot 1: no hole in what reached the broker, live or replayed")
          .isEqualTo(LongStream.rangeClosed(1, highest).boxed().toList());
      assertThat(headers(recorder).filter(h -> h.getBootCount() == 1 && h.getHistorical()).map(Header::getSequence)
          .toList()).isSorted();
    }
  }

  static long journalBytes(Path data) {
    Path journal = data.resolve("journal");
    if (!Files.isDirectory(journal)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(journal)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".seg")).mapToLong(f -> {
        try {
          return Files.size(f);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }).sum();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Stream<Header> headers(MqttRecorder recorder) {
    return recorder.on(BANK).stream().map(m -> {
      try {
        return TelemetryFrame.parseFrom(m.payload()).getHeader();
      } catch (InvalidProtocolBufferException e) {
        throw new AssertionError(e);
      }
    });
  }

  static ControllerState state(Received message) {
    try {
      return ControllerState.parseFrom(message.payload());
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }
}
