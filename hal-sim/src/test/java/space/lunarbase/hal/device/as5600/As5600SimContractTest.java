package space.lunarbase.hal.device.as5600;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.i2c.I2C;
import org.junit.jupiter.api.AfterEach;
import space.lunarbase.hal.sim.SimAs5600;
import space.lunarbase.hal.sim.SimI2CProvider;

/** The AS5600 contract against the simulated chip. */
class As5600SimContractTest extends AbstractAs5600ContractTest {

  private Context pi4j;

  @Override
  protected As5600 createDevice() {
    pi4j = Pi4J.newContextBuilder().add(new SimI2CProvider().attach(1, As5600.ADDRESS, new SimAs5600(() -> 123.4)))
        .build();
    return new As5600(pi4j.create(I2C.newConfigBuilder(pi4j).id("enc").bus(1).device(As5600.ADDRESS).build()), "t/enc");
  }

  @AfterEach
  void tearDown() {
    pi4j.shutdown();
  }
}
