package space.lunarbase.hal.board;

import space.lunarbase.hal.bank.CapacitorBank;

/**
 * The hardware one controller drives, built from configuration: either real (Pi4J linuxfs
 * providers on a Pi) or simulated (our own providers over plant models). The firmware sees only
 * this interface, so the same code runs on both.
 */
public interface Board extends AutoCloseable {

  /** {@code "real"} or {@code "sim"}: reported to operators, never used to branch on. */
  String mode();

  CapacitorBank bank();

  /** Releases the hardware (shuts the Pi4J context down). Idempotent; never throws. */
  @Override
  void close();
}
