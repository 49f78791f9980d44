package space.lunarbase.hal.sim;

import java.io.IOException;

/**
 * A simulated I2C target, seen at byte level as the bus sees it. Each call is one transaction
 * addressed to this chip; register reads arrive as {@link #write} of the register pointer
 * followed by {@link #read} (a repeated start on a real bus).
 *
 * <p>The usual register-pointer semantics: a write of [reg] sets the pointer; a write of
 * [reg, data...] writes from the pointer; a read returns bytes from the pointer. Word-register
 * chips (INA226) extend {@link WordRegisterChip}; byte-register chips with auto-increment
 * (AS5600, ADS1115 config bytes) implement the same two methods over a byte map.
 *
 * <p>Throwing {@link IOException} models a NACK or bus error: Pi4J hands it to the driver as a
 * {@code Pi4JException}. Implementations must not block: the bus lock waits at most 1 s.
 */
public interface SimI2CChip {

  /** A write transaction carrying {@code data} (never null, may be empty: a quick write). */
  void write(byte[] data) throws IOException;

  /** A read transaction: fills all of {@code buffer}. */
  void read(byte[] buffer) throws IOException;
}
