package space.lunarbase.hal.device.railfe;

import static space.lunarbase.hal.device.railfe.RailFrontEndProtocol.*;

import com.pi4j.io.spi.Spi;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import space.lunarbase.hal.DeviceException;

/**
 * The lunarbase rail front-end (LBRF): an FPGA/MCU that timestamps gate crossings and coil
 * triggers with a 64-bit ns counter, fires the coils from a firing table and samples coil
 * currents and rail thermistors. Spec: {@code hal/docs/rail-frontend-spec.md} (v1.0).
 *
 * <p>Facts this driver relies on (spec section in brackets):
 * <ul>
 *   <li>SPI mode 0, &le; 10 MHz; one transaction = request {@code CMD LEN [DATA] CRCq}, a
 *       turnaround byte, response {@code ECHO RESP [DATA] CRCr}, {@code LEN + 7} bytes in one
 *       full-duplex transfer; little-endian fields [1, 2].
 *   <li>CRC-8/AUTOSAR on both directions; a response with a bad CRC or echo is never used: it
 *       throws {@link DeviceException}, except FIFO_DATA, which is read once more through
 *       FIFO_REPEAT; a second failure ends the drain, which returns the records read so far and
 *       counts the batch in {@link Drain#lostRecords()} and {@link #lostRecords()} [2, 9].
 *   <li>ID "LBRF", VERSION major 1, CAPS gate/coil/thermistor counts [4]; checked by
 *       {@link #start()}.
 *   <li>Arming is CONTROL ARM_KEY1 0x5A then ARM_KEY2 0xA5 with nothing in between, and needs a
 *       valid firing table; FIRE needs ARMED and the FIRE_PERMIT line [5].
 *   <li>Firing-table upload: TABLE_INDEX 0, entries, TABLE_COMMIT with count and CRC-32; read back
 *       entry by entry and TABLE_INFO [6].
 *   <li>FIFO: 16-byte records, at most 15 per FIFO_DATA read; FIFO_COUNT gives waiting and
 *       dropped counts; STATUS bit 1 latches overflow [4, 7].
 * </ul>
 * Thread-safe: one transaction at a time. Every bus error becomes a {@link DeviceException}
 * naming {@link Settings#name()}.
 */
public final class RailFrontEnd {

  private final Spi spi;
  private final Settings settings;
  private final AtomicLong crcErrors = new AtomicLong();
  private final AtomicLong lostRecords = new AtomicLong();
  private volatile Capabilities capabilities;

  /**
   * What the driver needs to know.
   *
   * @param name the device's name in errors and logs, e.g. {@code rail-a/frontend}
   * @param maxRecordsPerDrain the most records one {@link #drain()} reads (1..1024)
   */
  public record Settings(String name, int maxRecordsPerDrain) {

    public Settings {
      Objects.requireNonNull(name, "name");
      if (name.isBlank()) {
        throw new IllegalArgumentException("rail front-end settings: name must not be blank");
      }
      if (maxRecordsPerDrain < 1 || maxRecordsPerDrain > FIFO_DEPTH) {
        throw new IllegalArgumentException("rail front-end " + name + ": maxRecordsPerDrain must be 1.."
            + FIFO_DEPTH + ", was " + maxRecordsPerDrain);
      }
    }
  }

  public RailFrontEnd(Spi spi, Settings settings) {
    this.spi = Objects.requireNonNull(spi, "spi");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  public Settings settings() {
    return settings;
  }

  /**
   * Checks the identity (ID, VERSION) and reads CAPS.
   *
   * @throws DeviceException if the device does not answer, or is not an LBRF v1
   */
  public synchronized Capabilities start() {
    byte[] id = read(REG_ID, 4, "ID");
    if (!Arrays.equals(id, ID)) {
      throw fail(String.format("not a rail front-end: ID register 0x00 expected 4C 42 52 46 (\"LBRF\"), read %s",
          hex(id)));
    }
    byte[] version = read(REG_VERSION, 2, "VERSION");
    if (version[0] != VERSION_MAJOR) {
      throw fail("VERSION register 0x01 major " + (version[0] & 0xFF) + " not supported (expected 1)");
    }
    byte[] caps = read(REG_CAPS, 4, "CAPS");
    Capabilities c = new Capabilities(caps[0] & 0xFF, caps[1] & 0xFF, caps[2] & 0xFF, caps[3] & 0xFF);
    if (c.recordSize() != RECORD_SIZE || c.gates() > MAX_GATES || c.coils() > MAX_COILS
        || c.thermistors() > THERMISTOR_CHANNELS) {
      throw fail("CAPS register 0x02 out of spec: " + c);
    }
    capabilities = c;
    return c;
  }

  /** What {@link #start()} read; null before. */
  public Capabilities capabilities() {
    return capabilities;
  }

  public synchronized FrontEndStatus status() {
    return new FrontEndStatus(u16(read(REG_STATUS, 2, "STATUS"), 0));
  }

  /** The front-end's ns counter, latched atomically. */
  public synchronized long timeNs() {
    return u64(read(REG_TIME, 8, "TIME"), 0);
  }

  /**
   * Sends the arm key and checks STATUS.ARMED.
   *
   * @throws DeviceException if refused (no valid table: LOCKED) or not armed afterwards
   */
  public synchronized void arm() {
    control(OP_ARM_KEY1, ARM_KEY1_ARG, "ARM_KEY1");
    control(OP_ARM_KEY2, ARM_KEY2_ARG, "ARM_KEY2");
    if (!status().armed()) {
      throw fail("arm key accepted but STATUS.ARMED is 0");
    }
  }

  /** Disarms and cancels pending triggers; the device always accepts it. */
  public synchronized void disarm() {
    control(OP_DISARM, 0, "DISARM");
  }

  /** Starts the firing sequence (T0 = now). Refused (LOCKED) unless armed with FIRE_PERMIT high. */
  public synchronized void fire() {
    control(OP_FIRE, FIRE_ARG, "FIRE");
  }

  /** Empties the FIFO and clears the overflow, coil-fault and dropped-count latches. */
  public synchronized void clearFifo() {
    control(OP_CLEAR_FIFO, 0, "CLEAR_FIFO");
  }

  /**
   * Uploads {@code table}, commits it with its CRC-32 and reads it back.
   *
   * @throws DeviceException if refused (armed: LOCKED; checksum or coil/gate out of CAPS:
   *     BAD_CHECKSUM) or if the read-back differs
   */
  public synchronized void uploadFiringTable(FiringTable table) {
    write(REG_TABLE_INDEX, new byte[] {0}, "TABLE_INDEX");
    for (FiringEntry e : table.entries()) {
      write(REG_TABLE_ENTRY, e.encode(), "TABLE_ENTRY");
    }
    byte[] commit = new byte[5];
    commit[0] = (byte) table.entries().size();
    putLe(commit, 1, table.crc32(), 4);
    write(REG_TABLE_COMMIT, commit, "TABLE_COMMIT");
    FiringTable back = readFiringTable();
    if (!back.equals(table)) {
      throw fail("firing table read-back differs: wrote " + table.entries() + ", read " + back.entries());
    }
  }

  /**
   * Reads the committed firing table back entry by entry and checks it against TABLE_INFO.
   *
   * @throws DeviceException if no table is committed or the entries do not match their CRC-32
   */
  public synchronized FiringTable readFiringTable() {
    byte[] info = read(REG_TABLE_INFO, 5, "TABLE_INFO");
    int count = info[0] & 0xFF;
    long crc = u16(info, 1) | (long) u16(info, 3) << 16;
    if (count == 0 || count > FiringTable.MAX_ENTRIES) {
      throw fail("no valid firing table on the device (TABLE_INFO count " + count + ")");
    }
    write(REG_TABLE_INDEX, new byte[] {0}, "TABLE_INDEX");
    List<FiringEntry> entries = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      byte[] e = read(REG_TABLE_ENTRY, FiringEntry.SIZE, "TABLE_ENTRY");
      try {
        entries.add(FiringEntry.decode(e, 0));
      } catch (IllegalArgumentException ex) {
        throw fail("firing-table entry " + i + " unreadable: " + ex.getMessage());
      }
    }
    FiringTable table = new FiringTable(entries);
    if (table.crc32() != crc) {
      throw fail(String.format("firing table read-back CRC-32 0x%08X differs from TABLE_INFO 0x%08X",
          table.crc32(), crc));
    }
    return table;
  }

  /**
   * Reads the waiting events, at most {@link Settings#maxRecordsPerDrain()}, in batches of at most
   * 15 records.
   *
   * <p>A batch that fails its CRC is read again with FIFO_REPEAT; if that fails too, the drain
   * stops there and returns the records of the earlier batches, with the failed batch's size in
   * {@link Drain#lostRecords()}: good records are never thrown away with a bad one.
   *
   * @throws DeviceException on a bus error, or if FIFO_COUNT cannot be read
   */
  public synchronized Drain drain() {
    byte[] count = read(REG_FIFO_COUNT, 4, "FIFO_COUNT");
    int waiting = u16(count, 0);
    int dropped = u16(count, 2);
    int toRead = Math.min(waiting, settings.maxRecordsPerDrain());
    List<RailEvent> events = new ArrayList<>(toRead);
    int read = 0;
    int lost = 0;
    while (read < toRead) {
      int k = Math.min(MAX_RECORDS_PER_READ, toRead - read);
      byte[] batch = readFifoBatch(k);
      if (batch == null) {
        lost = k;
        read += k;
        break;
      }
      for (int i = 0; i < k; i++) {
        RailEvent e;
        try {
          e = RailEvent.decode(batch, i * RECORD_SIZE);
        } catch (IllegalArgumentException ex) {
          throw fail("FIFO record unreadable: " + ex.getMessage());
        }
        if (e != null) {
          events.add(e);
        }
      }
      read += k;
    }
    boolean overflow = dropped > 0 || status().fifoOverflow();
    return new Drain(events, waiting - read, overflow, dropped, lost);
  }

  /** Latest temperature per thermistor channel, degC; NaN for an open or shorted channel. */
  public synchronized double[] railTemperaturesC() {
    byte[] raw = read(REG_RAIL_TEMP, 2 * THERMISTOR_CHANNELS, "RAIL_TEMP");
    double[] c = new double[THERMISTOR_CHANNELS];
    for (int i = 0; i < c.length; i++) {
      int v = u16(raw, 2 * i);
      c[i] = v == TEMP_OPEN ? Double.NaN : (short) v * TEMP_LSB_C;
    }
    return c;
  }

  /** Latest current sample per coil (16 channels), amperes. */
  public synchronized double[] coilCurrentsA() {
    byte[] raw = read(REG_COIL_CURRENT, 2 * MAX_COILS, "COIL_CURRENT");
    double[] a = new double[MAX_COILS];
    for (int i = 0; i < a.length; i++) {
      a[i] = (short) u16(raw, 2 * i) * CURRENT_LSB_A;
    }
    return a;
  }

  /** Responses that failed their CRC or echo check since construction. */
  public long crcErrors() {
    return crcErrors.get();
  }

  /** FIFO records popped on the device but never delivered (a batch that failed twice). */
  public long lostRecords() {
    return lostRecords.get();
  }

  /** The batch's bytes, or null when FIFO_DATA and FIFO_REPEAT both failed their checks. */
  private byte[] readFifoBatch(int k) {
    int length = k * RECORD_SIZE;
    try {
      return transact(readRequest(REG_FIFO_DATA, length));
    } catch (FrameException first) {
      if (first.kind() == FrameException.Kind.REFUSED) {
        throw fail("reading FIFO_DATA register 0x22 failed: " + first.getMessage());
      }
      crcErrors.incrementAndGet();
      try {
        return transact(readRequest(REG_FIFO_REPEAT, length));
      } catch (FrameException second) {
        if (second.kind() == FrameException.Kind.REFUSED) {
          throw fail("reading FIFO_REPEAT register 0x23 failed: " + second.getMessage());
        }
        crcErrors.incrementAndGet();
        lostRecords.addAndGet(k);
        return null;
      }
    }
  }

  private void control(int opcode, int arg, String what) {
    write(REG_CONTROL, new byte[] {(byte) opcode, (byte) arg}, "CONTROL " + what);
  }

  private byte[] read(int register, int length, String what) {
    try {
      return transact(readRequest(register, length));
    } catch (FrameException e) {
      if (e.kind() != FrameException.Kind.REFUSED) {
        crcErrors.incrementAndGet();
      }
      throw fail(String.format("reading %s register 0x%02X failed: %s", what, register, e.getMessage()));
    }
  }

  private void write(int register, byte[] data, String what) {
    try {
      transact(writeRequest(register, data));
    } catch (FrameException e) {
      if (e.kind() != FrameException.Kind.REFUSED) {
        crcErrors.incrementAndGet();
      }
      throw fail(String.format("writing %s register 0x%02X failed: %s", what, register, e.getMessage()));
    }
  }

  /** One full-duplex transaction; throws FrameException for a bad response, DeviceException for a bus error. */
  private byte[] transact(byte[] tx) {
    byte[] rx = new byte[tx.length];
    try {
      int n = spi.transfer(tx, rx, tx.length);
      if (n != tx.length) {
        throw fail("short SPI transfer: " + n + " of " + tx.length + " bytes");
      }
    } catch (RuntimeException e) {
      if (e instanceof DeviceException d) {
        throw d;
      }
      throw new DeviceException(settings.name(), String.format("SPI transfer of command 0x%02X failed: %s",
          tx[0] & 0xFF, DeviceException.rootMessage(e)), e);
    }
    return checkResponse(tx, rx);
  }

  private DeviceException fail(String message) {
    return new DeviceException(settings.name(), message);
  }

  private static String hex(byte[] b) {
    StringBuilder s = new StringBuilder();
    for (byte x : b) {
      s.append(s.isEmpty() ? "" : " ").append(String.format("%02X", x & 0xFF));
    }
    return s.toString();
  }
}
