package space.lunarbase.hal.device.ads1115;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.i2c.I2C;
import org.junit.jupiter.api.AfterEach;
import space.lunarbase.hal.sim.SimAds1115;
import space.lunarbase.hal.sim.SimI2CProvider;

/** The ADS1115 contract against the simulated chip. */
class Ads1115SimContractTest extends AbstractAds1115ContractTest {

  private Context pi4j;

  @Override
  protected Ads1115 createDevice() {
    SimAds1115 chip = new SimAds1115().input(0, () -> 1.0).input(1, () -> 2.0).input(2, () -> 0.5).input(3, () -> 3.3);
    pi4j = Pi4J.newContextBuilder().add(new SimI2CProvider().attach(1, 0x48, chip)).build();
    I2C i2c = pi4j.create(I2C.newConfigBuilder(pi4j).id("adc").bus(1).device(0x48).build());
    return new Ads1115(i2c, new Ads1115.Settings("test/adc", Ads1115.DataRate.SPS_860), Ads1115Test.fakeTiming());
  }

  @AfterEach
  void tearDown() {
    pi4j.shutdown();
  }
}
