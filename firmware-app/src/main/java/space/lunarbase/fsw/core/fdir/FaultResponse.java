package space.lunarbase.fsw.core.fdir;

import jakarta.inject.Singleton;
import space.lunarbase.fsw.core.channel.LimitListener;

/**
 * Applies the {@link SafingTable} to limit transitions: a channel going red with a rule holds its
 * red condition and safes the rule's subsystems; leaving red releases the condition (the
 * subsystems stay SAFE until an operator recovers them).
 */
@Singleton
public final class FaultResponse implements LimitListener {

  private final SiteSafing safing;
  private final RedConditions conditions;

  public FaultResponse(SiteSafing safing, RedConditions conditions) {
    this.safing = safing;
    this.conditions = conditions;
  }

  @Override
  public void transition(Transition t) {
    String channel = t.spec().name();
    if (!t.to().red()) {
      if (t.from().red()) {
        conditions.release(channel);
      }
      return;
    }
    SafingTable.onRed(channel).ifPresent(rule -> {
      String cause = "%s %s: %s %s beyond %s".formatted(channel, t.to(), t.value(), t.spec().unit(), t.limit());
      conditions.hold(channel, rule.safe(), cause);
      safing.safe(rule, cause);
    });
  }
}
