package space.lunarbase.fsw.core.command;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
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

  private static final byte[] LOAD_BYTES = SEQUENCE_LOAD.getBytes(StandardCharsets.UTF_8);

  private final Duration commands;
  private final Duration loads;
  private final long commandNanos;
  private final long loadNanos;

  @Inject
  public ExpiryBound(AuthoritySettings settings) {
    this(settings.maxExpiry(), settings.maxLoadExpiry());
  }

  public ExpiryBound(Duration commands, Duration loads) {
    this.commands = commands;
    this.loads = loads;
    this.commandNanos = commands.toNanos();
    this.loadNanos = loads.toNanos();
  }

  /** The furthest ahead {@code command} may expire. */
  public Duration max(String command) {
    return SEQUENCE_LOAD.equals(command) ? loads : commands;
  }

  /** The furthest ahead the command {@code scan} has read may expire, in ns (allocates nothing). */
  long max(BodyScan scan) {
    return scan.commandIs(LOAD_BYTES) ? loadNanos : commandNanos;
  }

  /** The setting that bounds the command {@code scan} has read, for a refusal's text. */
  String setting(BodyScan scan) {
    return scan.commandIs(LOAD_BYTES) ? "lunarbase.authority.max-load-expiry" : "lunarbase.authority.max-expiry";
  }
}
