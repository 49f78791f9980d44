package space.lunarbase.hal.board;

import java.util.Optional;
import space.lunarbase.hal.bank.CapacitorBank;
import space.lunarbase.hal.bank.CellBank;
import space.lunarbase.hal.rail.LaunchRail;
import space.lunarbase.hal.tracker.SolarTracker;

/**
 * The hardware one controller drives, built from a {@link BoardDescription} on one Pi4J context:
 * either real (Pi4J's Linux providers on a Pi) or simulated (our own providers over plant models).
 * Each family is present only if the board drives it. The firmware sees only this interface, so
 * the same code runs on both.
 */
public interface Board extends AutoCloseable {

  /** {@code "real"} or {@code "sim"}: reported to operators, never used to branch on. */
  String mode();

  /** The bank's pack view (voltage and current), if the board has a bank. */
  Optional<CapacitorBank> bank();

  /** The bank with its cells, contactors, balancing and charger, if the board has one. */
  Optional<CellBank> cellBank();

  /** The solar-array tracker, if the board has one. */
  Optional<SolarTracker> tracker();

  /** The launch rail, if the board has one. */
  Optional<LaunchRail> rail();

  /** Releases the hardware (shuts the Pi4J context down). Idempotent; never throws. */
  @Override
  void close();
}
