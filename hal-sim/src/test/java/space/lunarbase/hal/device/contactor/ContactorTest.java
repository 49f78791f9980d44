package space.lunarbase.hal.device.contactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import space.lunarbase.hal.device.contactor.Contactor.State;
import space.lunarbase.hal.sim.SimClock;
import space.lunarbase.hal.sim.gpio.SimPins;

/**
 * The contactor over Pi4J handles from our simulated GPIO providers; the "contacts" follow the
 * coil output unless a test welds them or stops them closing.
 */
class ContactorTest {

  static final int COIL = 5;
  static final int FEEDBACK = 6;
  final SimClock clock = SimClock.manual(Instant.parse("2030-01-01T00:00:00Z"));
  final SimPins pins = new SimPins();
  final AtomicBoolean welded = new AtomicBoolean();
  final AtomicBoolean wontClose = new AtomicBoolean();
  Context pi4j;
  Contactor contactor;

  @BeforeEach
  void setUp() {
    pins.driveInput(FEEDBACK, () -> welded.get() || pins.outputHigh(COIL) && !wontClose.get());
    pi4j = Pi4J.newContextBuilder().add(pins.providers()).build();
    DigitalOutput coil = pi4j.create(DigitalOutput.newConfigBuilder(pi4j).id("coil").address(COIL).build());
    DigitalInput aux = pi4j.create(DigitalInput.newConfigBuilder(pi4j).id("aux").address(FEEDBACK).build());
    contactor = new Contactor(coil, aux, clock,
        new Contactor.Settings("bank-a/main", Duration.ofMillis(100), 3, true));
  }

  @AfterEach
  void tearDown() {
    pi4j.shutdown();
  }

  @Test
  void closesAndOpensFollowingTheCoil() {
    assertThat(contactor.state()).isEqualTo(State.OPEN);
    contactor.close();
    assertThat(pins.outputHigh(COIL)).isTrue();
    assertThat(contactor.state()).isEqualTo(State.CLOSED);
    contactor.open();
    assertThat(pins.outputHigh(COIL)).isFalse();
    assertThat(contactor.state()).isEqualTo(State.OPEN);
  }

  @Test
  void weldIsReportedOnlyAfterTheSettleTimeAndConfirmingPolls() {
    contactor.close();
    welded.set(true);
    contactor.open();

    assertThat(contactor.state()).isEqualTo(State.OPENING);
    clock.advance(Duration.ofMillis(99));
    assertThat(contactor.state()).isEqualTo(State.OPENING);
    clock.advance(Duration.ofMillis(1));
    assertThat(contactor.state()).isEqualTo(State.OPENING); // 1st disagreeing poll after settle
    assertThat(contactor.state()).isEqualTo(State.OPENING); // 2nd
    assertThat(contactor.state()).isEqualTo(State.WELDED); // 3rd
    assertThat(contactor.state()).isEqualTo(State.WELDED);

    welded.set(false); // freed
    assertThat(contactor.state()).isEqualTo(State.OPEN);
  }

  @Test
  void failureToCloseIsReported() {
    wontClose.set(true);
    contactor.close();
    assertThat(contactor.state()).isEqualTo(State.CLOSING);
    clock.advance(Duration.ofMillis(150));
    contactor.state();
    contactor.state();
    assertThat(contactor.state()).isEqualTo(State.FAILED_TO_CLOSE);

    wontClose.set(false);
    assertThat(contactor.state()).isEqualTo(State.CLOSED);
  }

  @Test
  void aBouncingFeedbackDoesNotRaiseAFault() {
    contactor.close();
    assertThat(contactor.state()).isEqualTo(State.CLOSED);
    clock.advance(Duration.ofSeconds(1));
    pins.injectChatter(FEEDBACK, 2); // two wrong reads, then the truth

    assertThat(contactor.state()).isEqualTo(State.CLOSED);
    assertThat(contactor.state()).isEqualTo(State.CLOSED);
    assertThat(contactor.state()).isEqualTo(State.CLOSED);
  }

  @Test
  void aContactorThatDropsOutLaterIsAFailureToClose() {
    contactor.close();
    clock.advance(Duration.ofSeconds(5));
    assertThat(contactor.state()).isEqualTo(State.CLOSED);
    wontClose.set(true);
    assertThat(contactor.state()).isEqualTo(State.CLOSED);
    contactor.state();
    assertThat(contactor.state()).isEqualTo(State.FAILED_TO_CLOSE);
  }

  @Test
  void settingsAreChecked() {
    assertThatThrownBy(() -> new Contactor.Settings("x", Duration.ofMillis(-1), 3, true))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("settle");
    assertThatThrownBy(() -> new Contactor.Settings("x", Duration.ZERO, 0, true))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("confirmPolls");
  }
}
