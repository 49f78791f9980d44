package space.lunarbase.fsw.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;
import space.lunarbase.hal.board.BankWiring;

/**
 * The capacitor bank on this controller: how its pack monitor is wired and how often it is sampled.
 *
 * @param id the bank id used in telemetry
 * @param bus the I2C bus number of the pack monitor (INA226)
 * @param address the INA226's I2C address, 0x40 to 0x4F
 * @param shuntOhms the current shunt's resistance
 * @param maxCurrentA the largest current to be measured; sets the current LSB
 * @param samplePeriod how often the pack is sampled and a frame published
 */
@ConfigurationProperties("lunarbase.bank")
public record BankSettings(String id, int bus, int address, double shuntOhms, double maxCurrentA,
                           Duration samplePeriod) {

  public BankSettings {
    ConfigRules.id("lunarbase.bank.id", id);
    ConfigRules.period("lunarbase.bank.sample-period", samplePeriod, Duration.ofMillis(10), Duration.ofHours(1));
    wiring(id, bus, address, shuntOhms, maxCurrentA);
  }

  /** The wiring, validated by hal; a bad value names its {@code lunarbase.bank.*} key. */
  public BankWiring wiring() {
    return wiring(id, bus, address, shuntOhms, maxCurrentA);
  }

  private static BankWiring wiring(String id, int bus, int address, double shuntOhms, double maxCurrentA) {
    try {
      return new BankWiring(id, bus, address, shuntOhms, maxCurrentA);
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigException("lunarbase.bank", e.getMessage());
    }
  }
}
