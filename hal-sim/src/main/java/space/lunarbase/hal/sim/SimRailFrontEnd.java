package space.lunarbase.hal.sim;

import static space.lunarbase.hal.device.railfe.RailFrontEndProtocol.*;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.function.BooleanSupplier;
import java.util.zip.CRC32;
import space.lunarbase.hal.device.railfe.FiringEntry;
import space.lunarbase.hal.sim.spi.SimSpiDevice;

/**
 * The rail front-end (LBRF v1.0, {@code hal/docs/rail-frontend-spec.md}) at byte level, over a
 * {@link SledPlant}: its counter is the plant's ns timeline, gate and coil-trigger records come
 * from the plant's events, and it samples the plant's coil currents every 50 us, 16 times per
 * trigger, as the spec says. FIRE hands the committed table to the plant; FIRE_PERMIT is the
 * level the supplier reports (the controller's fire-permit output in a simulated rail).
 *
 * <p>Faults: {@link #injectFifoDepth(int)} (a small FIFO overflows during a shot); wire
 * corruption is the SPI provider's ({@code SimSpiProvider.injectFault}); rail faults are the
 * plant's.
 */
public final class SimRailFrontEnd implements SimSpiDevice {

  static final long SAMPLE_PERIOD_NS = 50_000;
  static final int SAMPLES_PER_TRIGGER = 16;
  private static final int FIRING_TABLE_MAX = 16;

  private record Sample(int coil, long timeNs) {}

  private final SledPlant plant;
  private final BooleanSupplier firePermit;
  private final ArrayDeque<byte[]> fifo = new ArrayDeque<>();
  private final PriorityQueue<Sample> samples = new PriorityQueue<>(Comparator.comparingLong(Sample::timeNs));
  private final byte[][] staging = new byte[FIRING_TABLE_MAX][FiringEntry.SIZE];
  private final short[] latestCurrent = new short[MAX_COILS];
  private int fifoDepth = FIFO_DEPTH;
  private int dropped;
  private boolean overflow;
  private boolean overflowBefore;
  private boolean coilFault;
  private boolean armed;
  private boolean firing;
  private boolean key1;
  private int tableIndex;
  private List<FiringEntry> committed = List.of();
  private long committedCrc;
  private byte[] lastBatch;
  private long transactions;

  public SimRailFrontEnd(SledPlant plant, BooleanSupplier firePermit) {
    this.plant = Objects.requireNonNull(plant, "plant");
    this.firePermit = Objects.requireNonNull(firePermit, "firePermit");
  }

  /** Shrinks (or restores, with 1024) the FIFO depth, 1..1024. */
  public synchronized void injectFifoDepth(int depth) {
    if (depth < 1 || depth > FIFO_DEPTH) {
      throw new IllegalArgumentException("FIFO depth must be 1..1024, was " + depth);
    }
    fifoDepth = depth;
  }

  public synchronized boolean armed() {
    update();
    return armed;
  }

  /** Records waiting in the FIFO. */
  public synchronized int fifoCount() {
    update();
    return fifo.size();
  }

  /** Transactions answered so far. */
  public synchronized long transactions() {
    return transactions;
  }

  @Override
  public synchronized byte[] exchange(byte[] mosi) {
    byte[] miso = new byte[mosi.length];
    if (mosi.length < 3) {
      return miso;
    }
    int cmd = mosi[0] & 0xFF;
    int len = mosi[1] & 0xFF;
    boolean read = (cmd & READ) != 0;
    if (len < 1 || mosi.length != len + OVERHEAD) {
      return miso; // not a whole transaction: nothing applied, and no valid response either
    }
    transactions++;
    update();
    int crcAt = read ? 2 : 2 + len;
    int at = crcAt + 2;
    byte[] data = Arrays.copyOfRange(mosi, 2, crcAt);
    byte[] out = read ? new byte[len] : new byte[0];
    boolean key1Before = key1;
    key1 = false;
    int resp;
    if ((mosi[crcAt] & 0xFF) != crc8(mosi, 0, crcAt)) {
      resp = RESP_BAD_CRC;
    } else if (read) {
      resp = read(cmd & 0x7F, out);
    } else {
      resp = write(cmd, data, key1Before);
    }
    if (resp != RESP_OK) {
      Arrays.fill(out, (byte) 0);
    }
    miso[at] = (byte) cmd;
    miso[at + 1] = (byte) resp;
    System.arraycopy(out, 0, miso, at + 2, out.length);
    miso[at + 2 + out.length] = (byte) crc8(miso, at, 2 + out.length);
    return miso;
  }

  private int read(int register, byte[] out) {
    int len = out.length;
    return switch (register) {
      case REG_ID -> fixed(out, 4, ID);
      case REG_VERSION -> fixed(out, 2, new byte[] {VERSION_MAJOR, 0});
      case REG_CAPS -> fixed(out, 4, new byte[] {(byte) plant.spec().gatePositionsM().size(),
          (byte) plant.spec().coilPositionsM().size(), THERMISTOR_CHANNELS, RECORD_SIZE});
      case REG_STATUS -> len != 2 ? RESP_BAD_LENGTH : put(out, status(), 2);
      case REG_TABLE_INDEX -> len != 1 ? RESP_BAD_LENGTH : put(out, tableIndex, 1);
      case REG_TABLE_ENTRY -> {
        if (len != FiringEntry.SIZE) {
          yield RESP_BAD_LENGTH;
        }
        System.arraycopy(staging[tableIndex], 0, out, 0, FiringEntry.SIZE);
        tableIndex = (tableIndex + 1) % FIRING_TABLE_MAX;
        yield RESP_OK;
      }
      case REG_TABLE_INFO -> {
        if (len != 5) {
          yield RESP_BAD_LENGTH;
        }
        out[0] = (byte) committed.size();
        putLe(out, 1, committedCrc, 4);
        yield RESP_OK;
      }
      case REG_TIME -> len != 8 ? RESP_BAD_LENGTH : put(out, plant.nowNs(), 8);
      case REG_FIFO_COUNT -> {
        if (len != 4) {
          yield RESP_BAD_LENGTH;
        }
        putLe(out, 0, fifo.size(), 2);
        putLe(out, 2, Math.min(dropped, 0xFFFF), 2);
        yield RESP_OK;
      }
      case REG_FIFO_DATA -> {
        if (len % RECORD_SIZE != 0) {
          yield RESP_BAD_LENGTH;
        }
        for (int i = 0; i < len / RECORD_SIZE && !fifo.isEmpty(); i++) {
          System.arraycopy(fifo.poll(), 0, out, i * RECORD_SIZE, RECORD_SIZE);
        }
        lastBatch = out.clone();
        yield RESP_OK;
      }
      case REG_FIFO_REPEAT -> {
        if (lastBatch == null || lastBatch.length != len) {
          yield RESP_BAD_LENGTH;
        }
        System.arraycopy(lastBatch, 0, out, 0, len);
        yield RESP_OK;
      }
      case REG_RAIL_TEMP -> {
        if (len != 2 * THERMISTOR_CHANNELS) {
          yield RESP_BAD_LENGTH;
        }
        for (int ch = 0; ch < THERMISTOR_CHANNELS; ch++) {
          putLe(out, 2 * ch, tempRaw(plant.railTemperatureC(ch)), 2);
        }
        yield RESP_OK;
      }
      case REG_COIL_CURRENT -> {
        if (len != 2 * MAX_COILS) {
          yield RESP_BAD_LENGTH;
        }
        for (int c = 0; c < MAX_COILS; c++) {
          putLe(out, 2 * c, latestCurrent[c], 2);
        }
        yield RESP_OK;
      }
      case REG_CONTROL, REG_TABLE_COMMIT -> RESP_READ_ONLY;
      default -> RESP_BAD_REGISTER;
    };
  }

  private int write(int register, byte[] data, boolean key1Before) {
    return switch (register) {
      case REG_CONTROL -> data.length != 2 ? RESP_BAD_LENGTH : control(data[0] & 0xFF, data[1] & 0xFF, key1Before);
      case REG_TABLE_INDEX -> {
        if (data.length != 1) {
          yield RESP_BAD_LENGTH;
        }
        tableIndex = (data[0] & 0xFF) % FIRING_TABLE_MAX;
        yield RESP_OK;
      }
      case REG_TABLE_ENTRY -> {
        if (data.length != FiringEntry.SIZE) {
          yield RESP_BAD_LENGTH;
        }
        if (armed) {
          yield RESP_LOCKED;
        }
        staging[tableIndex] = data.clone();
        tableIndex = (tableIndex + 1) % FIRING_TABLE_MAX;
        invalidateTable();
        yield RESP_OK;
      }
      case REG_TABLE_COMMIT -> data.length != 5 ? RESP_BAD_LENGTH : armed ? RESP_LOCKED : commit(data);
      case REG_ID, REG_VERSION, REG_CAPS, REG_STATUS, REG_TABLE_INFO, REG_TIME, REG_FIFO_COUNT, REG_FIFO_DATA,
          REG_FIFO_REPEAT, REG_RAIL_TEMP, REG_COIL_CURRENT -> RESP_READ_ONLY;
      default -> RESP_BAD_REGISTER;
    };
  }

  private int control(int opcode, int arg, boolean key1Before) {
    switch (opcode) {
      case OP_DISARM -> {
        armed = false;
        firing = false;
        plant.cancel();
        return RESP_OK;
      }
      case OP_ARM_KEY1 -> {
        if (arg != ARM_KEY1_ARG) {
          return RESP_BAD_KEY;
        }
        key1 = true;
        return RESP_OK;
      }
      case OP_ARM_KEY2 -> {
        if (arg != ARM_KEY2_ARG || !key1Before) {
          return RESP_BAD_KEY;
        }
        if (committed.isEmpty()) {
          return RESP_LOCKED;
        }
        armed = true;
        return RESP_OK;
      }
      case OP_CLEAR_FIFO -> {
        fifo.clear();
        lastBatch = null;
        dropped = 0;
        overflow = false;
        overflowBefore = false;
        coilFault = false;
        return RESP_OK;
      }
      case OP_FIRE -> {
        if (arg != FIRE_ARG) {
          return RESP_BAD_KEY;
        }
        if (!armed || firing || !firePermit.getAsBoolean()) {
          return RESP_LOCKED;
        }
        firing = true;
        plant.fire(committed);
        update();
        return RESP_OK;
      }
      default -> {
        return RESP_BAD_KEY;
      }
    }
  }

  private int commit(byte[] data) {
    int count = data[0] & 0xFF;
    long crc = u16(data, 1) | (long) u16(data, 3) << 16;
    if (count < 1 || count > FIRING_TABLE_MAX) {
      return RESP_BAD_CHECKSUM;
    }
    CRC32 actual = new CRC32();
    List<FiringEntry> entries = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      actual.update(staging[i]);
      try {
        FiringEntry e = FiringEntry.decode(staging[i], 0);
        if (e.coil() >= plant.spec().coilPositionsM().size() || e.gate() >= plant.spec().gatePositionsM().size()) {
          return RESP_BAD_CHECKSUM;
        }
        entries.add(e);
      } catch (IllegalArgumentException ex) {
        return RESP_BAD_CHECKSUM;
      }
    }
    if (actual.getValue() != crc) {
      return RESP_BAD_CHECKSUM;
    }
    committed = List.copyOf(entries);
    committedCrc = crc;
    return RESP_OK;
  }

  private void invalidateTable() {
    committed = List.of();
    committedCrc = 0;
  }

  private int status() {
    int s = 0;
    s |= armed ? STATUS_ARMED : 0;
    s |= overflow ? STATUS_FIFO_OVERFLOW : 0;
    s |= committed.isEmpty() ? 0 : STATUS_TABLE_VALID;
    s |= firing ? STATUS_FIRING : 0;
    s |= firePermit.getAsBoolean() ? STATUS_FIRE_PERMIT : 0;
    s |= coilFault ? STATUS_COIL_FAULT : 0;
    for (int ch = 0; ch < THERMISTOR_CHANNELS; ch++) {
      s |= tempRaw(plant.railTemperatureC(ch)) == TEMP_OPEN ? STATUS_THERMISTOR_FAULT : 0;
    }
    return s;
  }

  /** Brings the FIFO up to now: plant events and current samples merged in time order. */
  private void update() {
    for (SledPlant.Event e : plant.takeEvents()) {
      releaseSamples(e.timeNs() - 1);
      if (e.kind() == SledPlant.Kind.GATE) {
        push(TYPE_GATE, e.channel(), e.noise() ? 1 : 0, e.timeNs(), 0);
      } else {
        coilFault |= e.noCurrent();
        push(TYPE_COIL_TRIGGER, e.channel(), e.noCurrent() ? 1 << 2 : 0, e.timeNs(), 0);
        for (int j = 0; j < SAMPLES_PER_TRIGGER; j++) {
          samples.add(new Sample(e.channel(), e.timeNs() + j * SAMPLE_PERIOD_NS));
        }
      }
    }
    releaseSamples(plant.nowNs());
    if (firing && plant.pendingTriggers() == 0) {
      firing = false;
      armed = false;
    }
  }

  private void releaseSamples(long upToNs) {
    while (!samples.isEmpty() && samples.peek().timeNs() <= upToNs) {
      Sample s = samples.poll();
      double amps = plant.coilCurrentA(s.coil(), s.timeNs());
      long raw = Math.round(amps / CURRENT_LSB_A);
      int flags = Math.abs(raw) > Short.MAX_VALUE ? 1 << 3 : 0;
      short clamped = (short) Math.max(-Short.MAX_VALUE, Math.min(Short.MAX_VALUE, raw));
      latestCurrent[s.coil()] = clamped;
      push(TYPE_COIL_CURRENT, s.coil(), flags, s.timeNs(), clamped);
    }
  }

  private void push(int type, int channel, int flags, long timeNs, int value) {
    if (fifo.size() >= fifoDepth) {
      dropped++;
      overflow = true;
      overflowBefore = true;
      return;
    }
    byte[] r = new byte[RECORD_SIZE];
    r[0] = (byte) type;
    r[1] = (byte) channel;
    r[2] = (byte) (flags | (overflowBefore ? 1 << 1 : 0));
    putLe(r, 4, timeNs, 8);
    putLe(r, 12, value, 2);
    overflowBefore = false;
    fifo.add(r);
  }

  private static int fixed(byte[] out, int length, byte[] value) {
    if (out.length != length) {
      return RESP_BAD_LENGTH;
    }
    System.arraycopy(value, 0, out, 0, length);
    return RESP_OK;
  }

  private static int put(byte[] out, long value, int bytes) {
    putLe(out, 0, value, bytes);
    return RESP_OK;
  }

  private static int tempRaw(double celsius) {
    if (!Double.isFinite(celsius)) {
      return TEMP_OPEN;
    }
    long raw = Math.round(celsius / TEMP_LSB_C);
    return raw <= Short.MIN_VALUE || raw > Short.MAX_VALUE ? TEMP_OPEN : (int) raw & 0xFFFF;
  }
}
