package space.lunarbase.hal.device.ds18b20;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import space.lunarbase.hal.DeviceException;

/**
 * Maxim (Analog Devices) DS18B20 1-Wire digital thermometer, read through the Linux {@code w1-gpio}
 * bus master and the {@code w1-therm} driver. Datasheet:
 * <a href="https://www.analog.com/media/en/technical-documentation/data-sheets/DS18B20.pdf">DS18B20</a>
 * (19-7487).
 *
 * <p>Facts this driver relies on:
 * <ul>
 *   <li>Each device has a 64-bit ROM code whose family code is 0x28; Linux names its folder
 *       {@code 28-xxxxxxxxxxxx} (the 48-bit serial in hex) under {@code /sys/bus/w1/devices}.
 *   <li>Reading the folder's {@code w1_slave} file makes the kernel start a conversion (up to
 *       750 ms at 12 bits), read the 9-byte scratchpad and check its CRC, then return two lines:
 *       {@code "72 01 4b 46 7f ff 0e 10 57 : crc=57 YES"} and
 *       {@code "72 01 4b 46 7f ff 0e 10 57 t=23125"}: the scratchpad bytes, the kernel's CRC
 *       verdict ({@code YES} or {@code NO}), and the temperature in milli-degrees Celsius.
 *   <li>Scratchpad bytes 0 (LSB) and 1 (MSB) hold the temperature as a sign-extended 16-bit
 *       two's complement number in units of 1/16 &deg;C at 12-bit resolution; byte 8 is the
 *       Dallas/Maxim CRC-8 (x^8 + x^5 + x^4 + 1) of bytes 0..7. This driver checks that CRC itself
 *       too and cross-checks the kernel's {@code t=} against bytes 0..1.
 *   <li>Measuring range &minus;55..+125 &deg;C. The temperature register powers up at +85 &deg;C
 *       (0x0550): a reading of exactly 85.000 &deg;C most often means a conversion that did not
 *       run (a power glitch or a parasite-power brown-out), so it is reported as suspect.
 *   <li>An all-zero scratchpad passes the CRC (CRC-8 of zeros is zero) but means no device drove
 *       the bus (a missing pull-up or a short): rejected.
 * </ul>
 *
 * <p>The 1-Wire devices folder is injected, so the rig simulates the bus as a folder of files.
 * A read is one bounded file read (at most {@value #MAX_FILE_BYTES} bytes), never a waiting loop;
 * the kernel's conversion time is the only delay. Hardware faults become {@link DeviceException};
 * {@link #plausibility(double)} classifies a value that was read.
 */
public final class Ds18b20 {

  /** The sysfs folder where the Linux 1-Wire core lists slave devices. */
  public static final Path SYSFS_DEVICES = Path.of("/sys/bus/w1/devices");
  /** DS18B20 family code in the ROM code, and so in the folder name. */
  public static final String FAMILY = "28";
  /** The lowest temperature the DS18B20 measures. */
  public static final double MIN_CELSIUS = -55.0;
  /** The highest temperature the DS18B20 measures. */
  public static final double MAX_CELSIUS = 125.0;
  /** The temperature register's power-on reset value. */
  public static final double POWER_ON_RESET_CELSIUS = 85.0;
  /** A w1_slave file is about 80 bytes; more than this is not a DS18B20 answer. */
  static final int MAX_FILE_BYTES = 256;

  private static final Pattern ID = Pattern.compile("28-[0-9a-f]{12}");
  private static final Pattern CRC_LINE =
      Pattern.compile("((?:[0-9a-f]{2} ){9}): crc=([0-9a-f]{2}) (YES|NO)");
  private static final Pattern TEMP_LINE = Pattern.compile("((?:[0-9a-f]{2} ){9})t=(-?[0-9]+)");

  private final Path folder;
  private final String id;
  private final String name;

  /**
   * @param devicesRoot the 1-Wire devices folder ({@link #SYSFS_DEVICES} on a board)
   * @param id the device's folder name, {@code 28-} and 12 lowercase hex digits
   * @param name the device's name in errors, e.g. {@code bank-a/t-cell3}
   */
  public Ds18b20(Path devicesRoot, String id, String name) {
    Objects.requireNonNull(devicesRoot, "devicesRoot");
    this.id = checkId(id);
    this.name = Objects.requireNonNull(name, "name");
    this.folder = devicesRoot.resolve(id);
  }

  /** Throws IllegalArgumentException unless {@code id} is {@code 28-} and 12 lowercase hex digits. */
  public static String checkId(String id) {
    Objects.requireNonNull(id, "id");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "DS18B20 id must be '28-' and 12 lowercase hex digits (its 1-Wire folder), was '" + id + "'");
    }
    return id;
  }

  public String id() {
    return id;
  }

  public String name() {
    return name;
  }

  /** The device's folder; it exists while the kernel sees the device on the bus. */
  public Path folder() {
    return folder;
  }

  /**
   * Reads the temperature once (a bounded file read; the kernel converts before answering).
   *
   * @return degrees Celsius as the device measured them (see {@link #plausibility(double)})
   * @throws DeviceException if the device folder or file is missing or unreadable, the CRC fails,
   *     or the answer is malformed
   */
  public double readCelsius() {
    if (!Files.isDirectory(folder)) {
      throw new DeviceException(name, "no 1-Wire device " + id + " (folder " + folder
          + " missing: device off the bus, or w1-gpio/w1-therm not loaded)");
    }
    String text;
    try (InputStream in = Files.newInputStream(folder.resolve("w1_slave"))) {
      text = new String(in.readNBytes(MAX_FILE_BYTES), StandardCharsets.US_ASCII);
    } catch (NoSuchFileException e) {
      throw new DeviceException(name, "no w1_slave file in " + folder + ": is w1-therm loaded?", e);
    } catch (IOException e) {
      throw new DeviceException(name, "reading " + folder.resolve("w1_slave") + " failed: " + e, e);
    }
    return parse(name, text);
  }

  /**
   * Parses a {@code w1_slave} file's text into degrees Celsius.
   *
   * @throws DeviceException if the kernel reported CRC {@code NO}, the scratchpad's own CRC-8 does
   *     not match, it is all zeros, the two lines disagree, or the text is malformed
   */
  public static double parse(String name, String text) {
    String[] lines = text.strip().split("\n");
    if (lines.length != 2) {
      throw new DeviceException(name, "w1_slave: expected 2 lines, got " + lines.length + ": '" + oneLine(text) + "'");
    }
    Matcher crc = CRC_LINE.matcher(lines[0].strip());
    Matcher temp = TEMP_LINE.matcher(lines[1].strip());
    if (!crc.matches() || !temp.matches()) {
      throw new DeviceException(name, "w1_slave: malformed answer '" + oneLine(text) + "'");
    }
    if (crc.group(3).equals("NO")) {
      throw new DeviceException(name, "w1_slave: CRC check failed (crc=" + crc.group(2)
          + " NO): noise or a bad contact on the 1-Wire bus");
    }
    byte[] pad = bytes(crc.group(1));
    if (!crc.group(1).equals(temp.group(1))) {
      throw new DeviceException(name, "w1_slave: the two lines carry different scratchpads: '" + oneLine(text) + "'");
    }
    if (crc8(pad, 8) != (pad[8] & 0xFF)) {
      throw new DeviceException(name, String.format(
          "w1_slave: scratchpad CRC-8 is 0x%02X but byte 8 reads 0x%02X", crc8(pad, 8), pad[8] & 0xFF));
    }
    if (allZero(pad)) {
      throw new DeviceException(name, "w1_slave: scratchpad all zeros (no device drove the bus: pull-up missing?)");
    }
    int raw = (short) ((pad[1] & 0xFF) << 8 | pad[0] & 0xFF);
    long milli = Long.parseLong(temp.group(2));
    // The kernel truncates raw x 1000 / 16 and, below 12-bit resolution, masks undefined low bits.
    if (Math.abs(milli - raw * 62.5) > 500) {
      throw new DeviceException(name, "w1_slave: t=" + milli + " disagrees with scratchpad bytes 0..1 (" + raw
          + "/16 °C)");
    }
    return raw / 16.0;
  }

  /**
   * Why a temperature the device returned cannot be trusted, or {@code ""} if it can: outside
   * &minus;55..+125 &deg;C, or exactly the +85 &deg;C power-on reset value.
   */
  public static String plausibility(double celsius) {
    if (celsius < MIN_CELSIUS || celsius > MAX_CELSIUS) {
      return String.format("%.3f °C outside the DS18B20 range -55..125 °C", celsius);
    }
    if (celsius == POWER_ON_RESET_CELSIUS) {
      return "85.000 °C is the DS18B20 power-on reset value: conversion did not run (suspect)";
    }
    return "";
  }

  /** Dallas/Maxim CRC-8 (polynomial x^8 + x^5 + x^4 + 1, reflected 0x8C) of {@code length} bytes. */
  public static int crc8(byte[] data, int length) {
    int crc = 0;
    for (int i = 0; i < length; i++) {
      int b = data[i] & 0xFF;
      for (int bit = 0; bit < 8; bit++) {
        int mix = (crc ^ b) & 1;
        crc >>>= 1;
        if (mix != 0) {
          crc ^= 0x8C;
        }
        b >>>= 1;
      }
    }
    return crc;
  }

  private static byte[] bytes(String hexGroup) {
    String[] parts = hexGroup.strip().split(" ");
    byte[] out = new byte[parts.length];
    for (int i = 0; i < parts.length; i++) {
      out[i] = (byte) Integer.parseInt(parts[i], 16);
    }
    return out;
  }

  private static boolean allZero(byte[] pad) {
    for (byte b : pad) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  private static String oneLine(String text) {
    String flat = text.replace("\n", "\\n");
    return flat.length() > 120 ? flat.substring(0, 120) + "..." : flat;
  }
}
