package space.lunarbase.fsw.app.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import space.lunarbase.fsw.core.state.Move;
import space.lunarbase.fsw.core.state.TransitionRefused;
import space.lunarbase.fsw.core.state.Transitions;

/** The bank's table of allowed moves, as {@link BankState}'s diagram draws it. */
class BankTransitionsTest {

  private final Transitions<BankState, String> machine = BankState.transitions(m -> { });

  @Test
  void theModeTakesAnyStateToItsFamilyAndNominalStartsIdle() {
    for (BankState from : BankState.values()) {
      assertThat(machine.allows(from, BankState.SAFE)).as(from + " -> SAFE").isTrue();
      assertThat(machine.allows(from, BankState.FAULT)).as(from + " -> FAULT").isTrue();
      assertThat(machine.allows(from, BankState.MANUAL)).as(from + " -> MANUAL").isTrue();
    }
    assertThat(machine.allows(BankState.SAFE, BankState.CHARGING)).isFalse();
    assertThat(machine.allows(BankState.MANUAL, BankState.READY)).isFalse();
  }

  @Test
  void aChargeGoesThroughBalancingToReadyAndEveryNominalStateStopsToIdle() {
    assertThat(machine.allows(BankState.IDLE, BankState.CHARGING)).isTrue();
    assertThat(machine.allows(BankState.CHARGING, BankState.BALANCING)).isTrue();
    assertThat(machine.allows(BankState.BALANCING, BankState.READY)).isTrue();
    assertThat(machine.allows(BankState.READY, BankState.CHARGING)).as("top-up").isTrue();
    assertThat(machine.allows(BankState.CHARGING, BankState.READY)).as("not without balancing").isFalse();
    assertThat(machine.allows(BankState.IDLE, BankState.READY)).isFalse();
    assertThat(machine.allows(BankState.DISCHARGING, BankState.CHARGING)).as("bank.STOP first").isFalse();
    for (BankState nominal : List.of(BankState.CHARGING, BankState.BALANCING, BankState.READY,
        BankState.DISCHARGING)) {
      assertThat(machine.allows(nominal, BankState.IDLE)).as(nominal + " -> IDLE").isTrue();
    }
  }

  @Test
  void theFirstStateIsNoMoveAndLaterOnesAreTold() {
    List<Move<BankState, String>> told = new ArrayList<>();
    Transitions<BankState, String> bank = BankState.transitions(told::add);

    bank.start(BankState.SAFE);
    bank.moveTo(BankState.IDLE, "bank mode is NOMINAL");

    assertThat(told).containsExactly(new Move<>(BankState.SAFE, BankState.IDLE, "bank mode is NOMINAL"));
    assertThatThrownBy(() -> bank.moveTo(BankState.READY, "skipping the charge"))
        .isInstanceOf(TransitionRefused.class).hasMessage("bank: IDLE -> READY is not an allowed transition");
  }
}
