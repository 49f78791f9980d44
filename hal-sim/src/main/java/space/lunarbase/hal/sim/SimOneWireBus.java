package space.lunarbase.hal.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.DoubleSupplier;
import space.lunarbase.hal.device.ds18b20.Ds18b20;

/**
 * A simulated Linux 1-Wire bus of DS18B20 sensors: a folder laid out as
 * {@code /sys/bus/w1/devices} is, with one {@code 28-xxxxxxxxxxxx/w1_slave} file per sensor in the
 * kernel's format (scratchpad bytes, {@code crc=XX YES|NO}, {@code t=<milli-degrees>}).
 * {@link #refresh()} writes every file from its temperature source, quantised to 1/16 &deg;C like
 * a 12-bit conversion; the real driver reads the files. A file holds the plant at the last
 * refresh, as a real read returns a conversion up to 750 ms old.
 *
 * <p>Faults per sensor ({@link #inject(String, Fault)}): a CRC error, the 85 &deg;C power-on
 * value, the device vanishing from the bus (folder removed), a stuck value (the file stops
 * changing).
 */
public final class SimOneWireBus {

  /** What a sensor's file shows instead of the truth. */
  public enum Fault {
    /** The true temperature. */
    NONE,
    /** A corrupted scratchpad: the kernel reports {@code crc=.. NO}. */
    CRC_ERROR,
    /** The power-on temperature register, +85 &deg;C, with a valid CRC. */
    POWER_ON_RESET,
    /** The device left the bus: its folder is gone. */
    VANISHED,
    /** The file keeps its last content. */
    STUCK
  }

  private final Path root;
  private final Map<String, DoubleSupplier> sensors = new LinkedHashMap<>();
  private final Map<String, Fault> faults = new LinkedHashMap<>();

  /** A bus whose device folders live under {@code root} (created if missing). */
  public SimOneWireBus(Path root) {
    this.root = Objects.requireNonNull(root, "root");
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create simulated 1-Wire folder " + root, e);
    }
  }

  /** The devices folder to hand to the driver. */
  public Path root() {
    return root;
  }

  /** Adds a DS18B20 with folder name {@code id} that measures {@code celsius}, and writes its file. */
  public synchronized SimOneWireBus add(String id, DoubleSupplier celsius) {
    Ds18b20.checkId(id);
    sensors.put(id, Objects.requireNonNull(celsius, "celsius"));
    faults.put(id, Fault.NONE);
    write(id);
    return this;
  }

  /** Sets the fault of sensor {@code id} from the next {@link #refresh()} on (NONE clears it). */
  public synchronized void inject(String id, Fault fault) {
    if (!sensors.containsKey(id)) {
      throw new IllegalArgumentException("no simulated 1-Wire device " + id);
    }
    faults.put(id, Objects.requireNonNull(fault, "fault"));
    write(id);
  }

  /** Rewrites every sensor's file from its source, as the kernel would on the next read. */
  public synchronized void refresh() {
    sensors.keySet().forEach(this::write);
  }

  /** The {@code w1_slave} text of a 12-bit DS18B20 reading {@code celsius}, as the kernel writes it. */
  public static String w1SlaveText(double celsius, boolean corruptCrc) {
    int raw = (int) Math.round(Math.max(-55, Math.min(125, celsius)) * 16);
    byte[] pad = {(byte) raw, (byte) (raw >> 8), 0x4b, 0x46, 0x7f, (byte) 0xff, (byte) (0x10 - (raw & 0x0f)), 0x10, 0};
    pad[8] = (byte) Ds18b20.crc8(pad, 8);
    int kernelCrc = pad[8] & 0xFF;
    if (corruptCrc) {
      pad[0] ^= 0x04; // one flipped bit on the wire; the kernel recomputes and disagrees
      kernelCrc = Ds18b20.crc8(pad, 8);
    }
    StringBuilder hex = new StringBuilder();
    for (byte b : pad) {
      hex.append(String.format("%02x ", b & 0xFF));
    }
    return hex + ": crc=" + String.format("%02x", kernelCrc) + (corruptCrc ? " NO" : " YES") + "\n"
        + hex + "t=" + raw * 1000L / 16 + "\n";
  }

  private void write(String id) {
    Fault fault = faults.get(id);
    Path folder = root.resolve(id);
    try {
      switch (fault) {
        case VANISHED -> {
          Files.deleteIfExists(folder.resolve("w1_slave"));
          Files.deleteIfExists(folder);
        }
        case STUCK -> {
          if (!Files.exists(folder.resolve("w1_slave"))) {
            writeFile(folder, w1SlaveText(sensors.get(id).getAsDouble(), false));
          }
        }
        case CRC_ERROR -> writeFile(folder, w1SlaveText(sensors.get(id).getAsDouble(), true));
        case POWER_ON_RESET -> writeFile(folder, w1SlaveText(Ds18b20.POWER_ON_RESET_CELSIUS, false));
        case NONE -> writeFile(folder, w1SlaveText(sensors.get(id).getAsDouble(), false));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write simulated w1_slave of " + id, e);
    }
  }

  private static void writeFile(Path folder, String text) throws IOException {
    Files.createDirectories(folder);
    Path tmp = folder.resolve(".w1_slave.tmp");
    Files.writeString(tmp, text, StandardCharsets.US_ASCII);
    Files.move(tmp, folder.resolve("w1_slave"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
