package space.lunarbase.fsw.core.health;

import io.micronaut.health.HealthStatus;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import space.lunarbase.fsw.core.channel.Level;
import space.lunarbase.fsw.core.channel.LimitMonitor;
import space.lunarbase.fsw.core.fdir.RedConditions;
import space.lunarbase.fsw.core.fdir.SiteSafing;
import space.lunarbase.fsw.core.mode.Mode;
import space.lunarbase.fsw.core.mode.Modes;
import space.lunarbase.fsw.core.mode.RangeSafetyHolds;

/**
 * One subsystem's health as {@code /health} shows it: its mode (and why it is in it), its channels'
 * limit state, and a status that says whether an operator must look.
 *
 * <p>The status separates the two readers of {@code /health}. A service manager restarts the
 * process on DOWN (HTTP 503): a subsystem never reports DOWN, because a red channel or a safed
 * subsystem is fault protection working, which a restart would not mend (DOWN stays for a stuck
 * rate group and a link that cannot keep messages). An operator reads the status and the details,
 * worst first (all HTTP 200):
 *
 * <ul>
 *   <li>{@code ALARM}: a channel is red, or a red condition still holds the subsystem SAFE;
 *   <li>{@code HELD}: range safety holds it SAFE ({@code rangeSafetyHold} says since when, by which
 *       key, why): only a range-safety key releases it;
 *   <li>{@code SAFED}: fault protection made it SAFE (the cause is in {@code modeCause}); gone once
 *       an operator recovers it;
 *   <li>{@code WARN}: a channel is yellow, or a channel's reading cannot be used (limits unchecked);
 *   <li>{@code UP}: none of these, whatever the mode (a rail at rest is SAFE and UP).
 * </ul>
 *
 * The custom statuses carry a severity and no operational flag, so Micronaut's aggregate puts the
 * worst of them at the top of {@code /health} when nothing is DOWN.
 */
@Singleton
public final class SubsystemHealth {

  /** A channel is red, or a red condition holds the subsystem SAFE. */
  public static final HealthStatus ALARM = new HealthStatus("ALARM", "a red limit or a red condition holds", null, 30);
  /** Made SAFE by fault protection. */
  public static final HealthStatus SAFED = new HealthStatus("SAFED", "made SAFE by fault protection", null, 20);
  /** Held SAFE by range safety: only a range-safety key releases it. */
  public static final HealthStatus HELD = new HealthStatus("HELD", "held SAFE by range safety", null, 25);
  /** A channel yellow, or a reading that cannot be used. */
  public static final HealthStatus WARN = new HealthStatus("WARN", "a yellow limit or a bad reading", null, 10);

  private final Modes modes;
  private final LimitMonitor monitor;
  private final RedConditions conditions;
  private final RangeSafetyHolds holds;

  public SubsystemHealth(Modes modes, LimitMonitor monitor, RedConditions conditions, RangeSafetyHolds holds) {
    this.modes = modes;
    this.monitor = monitor;
    this.conditions = conditions;
    this.holds = holds;
  }

  /**
   * {@code subsystem}'s health now.
   *
   * @param status UP, WARN, SAFED, HELD or ALARM (see the class)
   * @param details mode, modeCause, channels, worstLevel, yellow, red, badQuality, redConditions,
   *     rangeSafetyHold (empty when none)
   */
  public record Report(HealthStatus status, Map<String, Object> details) {}

  /** The report on {@code subsystem} (one of {@link Modes#SUBSYSTEMS}). */
  public Report report(String subsystem) {
    Mode mode = modes.of(subsystem).orElseThrow(() -> new IllegalArgumentException("no subsystem " + subsystem));
    String cause = modes.cause(subsystem).orElse("");
    LimitMonitor.Summary limits = monitor.summary(subsystem);
    List<String> holding = conditions.holding(subsystem);
    Optional<RangeSafetyHolds.Hold> hold = holds.of(subsystem);
    HealthStatus status;
    if (limits.worst().red() || !holding.isEmpty()) {
      status = ALARM;
    } else if (hold.isPresent()) {
      status = HELD;
    } else if (mode == Mode.SAFE && cause.startsWith(SiteSafing.CAUSE_PREFIX)) {
      status = SAFED;
    } else if (limits.worst() != Level.IN_LIMITS || !limits.badQuality().isEmpty()) {
      status = WARN;
    } else {
      status = HealthStatus.UP;
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("mode", mode.name());
    details.put("modeCause", cause);
    details.put("channels", limits.channels());
    details.put("worstLevel", limits.worst().name());
    details.put("yellow", limits.yellow());
    details.put("red", limits.red());
    details.put("badQuality", limits.badQuality());
    details.put("redConditions", holding);
    details.put("rangeSafetyHold", hold.map(RangeSafetyHolds.Hold::describe).orElse(""));
    return new Report(status, details);
  }
}
