package space.lunarbase.fsw.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import space.lunarbase.fsw.core.telemetry.Outbound;

class InflightWindowTest {

  final AtomicInteger brokerReceiveMaximum = new AtomicInteger(65_535);
  final InflightWindow window = new InflightWindow(10, brokerReceiveMaximum::get);
  final List<Pending> acknowledged = new ArrayList<>();
  final List<Pending> requeued = new ArrayList<>();

  @Test
  void theLimitIsTheLinksOwnWithinWhatTheBrokerTakesLessTheReservedSlots() {
    assertThat(window.limit()).isEqualTo(10);
    brokerReceiveMaximum.set(8);
    assertThat(window.limit()).isEqualTo(8 - InflightWindow.RESERVED);
    brokerReceiveMaximum.set(2);
    assertThat(window.limit()).as("never below one").isEqualTo(1);

    window.add(live(1));
    assertThat(window.full()).isTrue();
    brokerReceiveMaximum.set(65_535);
    assertThat(window.full()).isFalse();
    assertThat(window.halfFull()).isFalse();
    for (int i = 2; i <= 5; i++) {
      window.add(live(i));
    }
    assertThat(window.halfFull()).isTrue();
    assertThat(window.count()).isEqualTo(5);
  }

  @Test
  void failuresAreRequeuedInSendOrderWhateverOrderTheyAreReportedIn() {
    List<Pending> sent = List.of(live(1), live(2), live(3), live(4), live(5));
    sent.forEach(window::add);

    window.notDelivered(sent.get(4));
    window.delivered(sent.get(1));
    window.notDelivered(sent.get(0));
    window.notDelivered(sent.get(2));
    window.settle(acknowledged::add, requeued::add);

    assertThat(acknowledged).containsExactly(sent.get(1));
    assertThat(requeued).containsExactly(sent.get(0), sent.get(2), sent.get(4));
    assertThat(window.count()).isEqualTo(1);
    assertThat(window.clear()).containsExactly(sent.get(3));
    assertThat(window.isEmpty()).isTrue();
    assertThat(window.count()).isZero();
  }

  @Test
  void aLostConnectionGivesBackTheWholeWindowInSendOrderHoweverItsFailuresArrive() {
    List<Pending> sent = List.of(live(1), live(2), live(3), live(4), live(5), live(6));
    sent.forEach(window::add);
    window.delivered(sent.get(0));
    // the client fails the messages of a dead connection over time, in its own order
    window.notDelivered(sent.get(4));
    window.notDelivered(sent.get(2));
    assertThat(window.anyFailed()).isTrue();

    List<Pending> back = window.abandon(acknowledged::add);
    window.notDelivered(sent.get(1)); // reported after the window was given back
    window.settle(acknowledged::add, requeued::add);

    assertThat(acknowledged).containsExactly(sent.get(0));
    assertThat(back).containsExactlyElementsOf(sent.subList(1, 6));
    assertThat(requeued).as("a late failure of a message already given back").isEmpty();
    assertThat(window.anyFailed()).isFalse();
    assertThat(window.isEmpty()).isTrue();
  }

  @Test
  void anAcknowledgementForAMessageAlreadyTakenOutIsIgnored() {
    Pending message = live(1);
    window.add(message);
    assertThat(window.clear()).containsExactly(message); // the connection died: requeued elsewhere
    window.delivered(message);
    window.settle(acknowledged::add, requeued::add);
    assertThat(acknowledged).isEmpty();
    assertThat(requeued).isEmpty();
  }

  @Test
  void theSameBytesSentTwiceAreTwoMessages() {
    Outbound bytes = new Outbound("tlm/bank", new byte[] {1}, 1, false);
    Pending first = Pending.live(bytes);
    Pending second = Pending.live(bytes);
    window.add(first);
    window.add(second);
    window.delivered(second);
    window.settle(acknowledged::add, requeued::add);
    assertThat(acknowledged).singleElement().isSameAs(second);
    assertThat(window.clear()).singleElement().isSameAs(first);
  }

  private static Pending live(int n) {
    return Pending.live(new Outbound("tlm/bank", new byte[] {(byte) n}, 1, false));
  }
}
