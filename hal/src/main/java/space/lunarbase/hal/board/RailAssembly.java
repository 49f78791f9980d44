package space.lunarbase.hal.board;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import com.pi4j.io.spi.Spi;
import com.pi4j.io.spi.SpiBus;
import com.pi4j.io.spi.SpiChipSelect;
import com.pi4j.io.spi.SpiMode;
import java.time.InstantSource;
import java.util.Objects;
import space.lunarbase.hal.device.railfe.RailFrontEnd;
import space.lunarbase.hal.rail.FrontEndRail;

/**
 * Builds a {@link FrontEndRail} from a {@link RailWiring} on whatever Pi4J context it is given:
 * the front-end's SPI handle (mode 0, the wiring's baud, id {@link RailWiring#frontEndIoId()}),
 * started and identity-checked, and the four discretes (inputs pulled down, outputs low at start
 * and at shutdown).
 */
public final class RailAssembly {

  /** Records one drain reads at most. */
  public static final int MAX_RECORDS_PER_DRAIN = 256;

  private RailAssembly() {}

  /** The rail and the driver under it (for its counters). */
  public record Built(FrontEndRail rail, RailFrontEnd frontEnd) {}

  /** @throws space.lunarbase.hal.DeviceException if the front-end does not answer as an LBRF */
  public static Built build(Context pi4j, RailWiring wiring, InstantSource clock) {
    Objects.requireNonNull(pi4j, "pi4j");
    Objects.requireNonNull(wiring, "wiring");
    Objects.requireNonNull(clock, "clock");
    // Pi4J 3.0.3 deprecates SpiChipSelect for channel(); its providers (ours included) still read
    // the chip select from it
    @SuppressWarnings("deprecation")
    Spi handle = pi4j.create(Spi.newConfigBuilder(pi4j).id(wiring.frontEndIoId())
        .bus(SpiBus.getByNumber(wiring.spiBus())).chipSelect(SpiChipSelect.getByNumber(wiring.chipSelect()))
        .mode(SpiMode.MODE_0).baud(wiring.baud()).build());
    RailFrontEnd driver = new RailFrontEnd(handle, new RailFrontEnd.Settings(wiring.frontEndName(),
        MAX_RECORDS_PER_DRAIN));
    driver.start();
    FrontEndRail.Discretes io = new FrontEndRail.Discretes(
        input(pi4j, wiring.pinIoId("breech-latched"), wiring.breechLatchedPin()),
        input(pi4j, wiring.pinIoId("rail-clear"), wiring.railClearPin()),
        output(pi4j, wiring.pinIoId("arm"), wiring.armPin()),
        output(pi4j, wiring.pinIoId("fire-permit"), wiring.firePermitPin()));
    return new Built(new FrontEndRail(wiring.id(), driver, io, clock), driver);
  }

  private static DigitalInput input(Context pi4j, String id, int pin) {
    return pi4j.create(DigitalInput.newConfigBuilder(pi4j).id(id).address(pin).pull(PullResistance.PULL_DOWN)
        .build());
  }

  private static DigitalOutput output(Context pi4j, String id, int pin) {
    return pi4j.create(DigitalOutput.newConfigBuilder(pi4j).id(id).address(pin).initial(DigitalState.LOW)
        .shutdown(DigitalState.LOW).build());
  }
}
