package space.lunarbase.fsw.core.command;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import space.lunarbase.fsw.config.AuthoritySettings;

/**
 * How far ahead of the controller's clock a command may expire: {@code lunarbase.authority.max-expiry}
 * (10 min), and for {@code seq.LOAD} {@code lunarbase.authority.max-load-expiry} (1 h: an upload may
 * wait for a ground pass; its entries' times are judged on their own). A command expiring later is
 * REJECTED EXPIRY_TOO_FAR, so a signed command held back (kept by a relay, captured on the way)
 * cannot be played days later while its counter is still above the key's high-water mark.
 */
@Singleton
public final class ExpiryBound {

  /** The command whose bound is {@code max-load-expiry}. */
  static final String SEQUENCE_LOAD = "seq.LOAD";

  private final Duration commands;
  private final Duration loads;

  @Inject
  public ExpiryBound(AuthoritySettings settings) {
    this(settings.maxExpiry(), settings.maxLoadExpiry());
  }

  public ExpiryBound(Duration commands, Duration loads) {
    this.commands = commands;
    this.loads = loads;
  }

  /** The furthest ahead {@code command} may expire. */
  public Duration max(String command) {
    return SEQUENCE_LOAD.equals(command) ? loads : commands;
  }

  /** The setting that bounds {@code command}, for a refusal's text. */
  String setting(String command) {
    return SEQUENCE_LOAD.equals(command) ? "lunarbase.authority.max-load-expiry" : "lunarbase.authority.max-expiry";
  }
}
