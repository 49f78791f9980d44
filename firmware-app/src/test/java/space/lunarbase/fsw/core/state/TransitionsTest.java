package space.lunarbase.fsw.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TransitionsTest {

  enum Light { OFF, WARMING, ON, BROKEN }

  private final List<Move<Light, String>> told = Collections.synchronizedList(new ArrayList<>());

  private Transitions.Builder<Light, String> lamp() {
    return Transitions.<Light, String>builder("lamp", Light.class)
        .allow(Light.OFF, Light.WARMING)
        .allow(Light.WARMING, Light.ON, Light.OFF)
        .allow(Light.ON, Light.OFF)
        .allowFromAny(Light.BROKEN);
  }

  @Test
  void anAllowedMoveChangesTheStateAndTellsEveryListenerInOrder() {
    List<String> order = new ArrayList<>();
    Transitions<Light, String> t = lamp().startingAt(Light.OFF)
        .listener(m -> order.add("event " + m.from() + "->" + m.to() + ": " + m.cause()))
        .listener(m -> order.add("telemetry " + m.to()))
        .build();

    assertThat(t.moveTo(Light.WARMING, "switched on")).isTrue();
    assertThat(t.moveTo(Light.ON, "warm")).isTrue();

    assertThat(t.state()).isEqualTo(Light.ON);
    assertThat(order).containsExactly("event OFF->WARMING: switched on", "telemetry WARMING",
        "event WARMING->ON: warm", "telemetry ON");
  }

  @Test
  void aMoveToTheStateItIsInIsNoMoveAndTellsNobody() {
    Transitions<Light, String> t = lamp().startingAt(Light.ON).listener(told::add).build();

    assertThat(t.moveTo(Light.ON, "still on")).isFalse();

    assertThat(t.state()).isEqualTo(Light.ON);
    assertThat(told).isEmpty();
  }

  @Test
  void aMoveTheTableDoesNotAllowIsRefusedByNameAndChangesNothing() {
    Transitions<Light, String> t = lamp().startingAt(Light.OFF).listener(told::add).build();

    assertThatThrownBy(() -> t.moveTo(Light.ON, "no warm-up"))
        .isInstanceOfSatisfying(TransitionRefused.class, e -> {
          assertThat(e.from()).isEqualTo("OFF");
          assertThat(e.to()).isEqualTo("ON");
        })
        .hasMessage("lamp: OFF -> ON is not an allowed transition");
    assertThat(t.state()).isEqualTo(Light.OFF);
    assertThat(told).isEmpty();
    assertThat(t.allows(Light.OFF, Light.ON)).isFalse();
    assertThat(t.allows(Light.BROKEN, Light.OFF)).isFalse();
    assertThat(t.allows(Light.ON, Light.BROKEN)).isTrue();
  }

  @Test
  void withoutAStartingStateTheFirstStateIsNoMove() {
    Transitions<Light, String> t = lamp().listener(told::add).build();

    assertThat(t.current()).isEmpty();
    assertThatThrownBy(t::state).isInstanceOf(IllegalStateException.class).hasMessage("lamp has no state yet");
    assertThatThrownBy(() -> t.moveTo(Light.WARMING, "too early")).isInstanceOf(IllegalStateException.class);

    t.start(Light.ON);
    assertThat(t.current()).contains(Light.ON);
    assertThat(told).isEmpty();
    assertThatThrownBy(() -> t.start(Light.OFF)).isInstanceOf(IllegalStateException.class)
        .hasMessage("lamp has started already, in ON");
    t.moveTo(Light.OFF, "switched off");
    assertThat(told).containsExactly(new Move<>(Light.ON, Light.OFF, "switched off"));
  }

  @Test
  void aFailingListenerLeavesTheNewStateAndTheOtherListenersAreStillTold() {
    Transitions<Light, String> t = lamp().startingAt(Light.OFF)
        .listener(m -> {
          throw new IllegalArgumentException("event log full");
        })
        .listener(told::add)
        .build();

    assertThatThrownBy(() -> t.moveTo(Light.WARMING, "switched on"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("event log full");

    assertThat(t.state()).isEqualTo(Light.WARMING);
    assertThat(told).containsExactly(new Move<>(Light.OFF, Light.WARMING, "switched on"));
    assertThatThrownBy(() -> t.moveTo(Light.ON, "warm")).isInstanceOf(IllegalArgumentException.class);
    assertThat(t.state()).isEqualTo(Light.ON);
    assertThat(told).extracting(Move::from).containsExactly(Light.OFF, Light.WARMING);
  }

  @Test
  void aListenerMayNotMoveTheMachine() {
    Transitions<Light, String>[] self = new Transitions[1];
    self[0] = lamp().startingAt(Light.OFF).listener(m -> self[0].moveTo(Light.ON, "from inside")).build();

    assertThatThrownBy(() -> self[0].moveTo(Light.WARMING, "switched on"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("lamp: a listener may not move the machine (to ON)");
    assertThat(self[0].state()).isEqualTo(Light.WARMING);
  }

  @Test
  void twoThreadsRacingFromOneStateToExclusiveStatesLeaveExactlyOneWinner() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 500; round++) {
        told.clear();
        Transitions<Light, String> t = Transitions.<Light, String>builder("lamp", Light.class)
            .allow(Light.WARMING, Light.ON, Light.OFF) // neither ON nor OFF leads anywhere
            .startingAt(Light.WARMING).listener(told::add).build();
        CyclicBarrier start = new CyclicBarrier(2);
        Future<Boolean> on = pool.submit(() -> race(start, t, Light.ON));
        Future<Boolean> off = pool.submit(() -> race(start, t, Light.OFF));
        boolean onWon = on.get(10, TimeUnit.SECONDS);
        boolean offWon = off.get(10, TimeUnit.SECONDS);

        assertThat(onWon ^ offWon).as("exactly one of ON and OFF wins, round %d", round).isTrue();
        Light winner = onWon ? Light.ON : Light.OFF;
        assertThat(t.state()).isEqualTo(winner);
        assertThat(told).containsExactly(new Move<>(Light.WARMING, winner, "race"));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void movesFromTwoThreadsFormOneChainTheListenersSeeInOrder() throws Exception {
    Transitions<Light, String> t = Transitions.<Light, String>builder("lamp", Light.class)
        .allow(Light.OFF, Light.ON).allow(Light.ON, Light.OFF)
        .startingAt(Light.OFF).listener(told::add).build();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      CyclicBarrier start = new CyclicBarrier(2);
      Future<Integer> ons = pool.submit(() -> flip(start, t, Light.ON));
      Future<Integer> offs = pool.submit(() -> flip(start, t, Light.OFF));
      int moves = ons.get(30, TimeUnit.SECONDS) + offs.get(30, TimeUnit.SECONDS);

      assertThat(told).hasSize(moves);
      Light at = Light.OFF;
      for (Move<Light, String> m : told) {
        assertThat(m.from()).as("each move starts where the one before ended").isEqualTo(at);
        at = m.to();
      }
      assertThat(t.state()).isEqualTo(at);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aTableCannotNameAMoveToItself() {
    assertThatThrownBy(() -> lamp().allow(Light.ON, Light.ON)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("lamp: ON -> ON is no move");
  }

  private static boolean race(CyclicBarrier start, Transitions<Light, String> t, Light to) throws Exception {
    start.await(10, TimeUnit.SECONDS);
    try {
      return t.moveTo(to, "race");
    } catch (TransitionRefused refused) {
      return false;
    }
  }

  private static int flip(CyclicBarrier start, Transitions<Light, String> t, Light to) throws Exception {
    start.await(10, TimeUnit.SECONDS);
    int moved = 0;
    for (int i = 0; i < 5_000; i++) {
      if (t.moveTo(to, "flip " + i)) {
        moved++;
      }
    }
    return moved;
  }
}
