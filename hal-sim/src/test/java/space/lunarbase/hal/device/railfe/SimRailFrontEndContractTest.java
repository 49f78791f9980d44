package space.lunarbase.hal.device.railfe;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.spi.Spi;
import com.pi4j.io.spi.SpiBus;
import com.pi4j.io.spi.SpiChipSelect;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import space.lunarbase.hal.sim.SimClock;
import space.lunarbase.hal.sim.SimRailFrontEnd;
import space.lunarbase.hal.sim.SledPlant;
import space.lunarbase.hal.sim.spi.SimSpiProvider;

/** The contract against the simulated front-end behind our own SPI provider. */
class SimRailFrontEndContractTest extends AbstractRailFrontEndContractTest {

  Context pi4j;

  @Override
  protected RailFrontEnd createDevice() {
    SimClock clock = SimClock.manual(Instant.parse("2030-01-01T00:00:00Z"));
    SimRailFrontEnd chip = new SimRailFrontEnd(new SledPlant(SledPlant.Spec.demo(), clock), () -> false);
    pi4j = Pi4J.newContextBuilder().add(new SimSpiProvider().attach(0, 0, chip)).build();
    Spi spi = pi4j.create(Spi.newConfigBuilder(pi4j).id("railfe").bus(SpiBus.BUS_0).chipSelect(SpiChipSelect.CS_0)
        .baud(4_000_000).provider(SimSpiProvider.ID).build());
    return new RailFrontEnd(spi, new RailFrontEnd.Settings("rail-a/frontend", 256));
  }

  @AfterEach
  void tearDown() {
    pi4j.shutdown();
  }
}
