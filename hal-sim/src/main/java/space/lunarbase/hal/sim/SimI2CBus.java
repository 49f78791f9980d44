package space.lunarbase.hal.sim;

import com.pi4j.io.i2c.I2C;
import com.pi4j.io.i2c.I2CBusBase;
import com.pi4j.io.i2c.I2CConfig;
import java.util.concurrent.Callable;

/** One simulated I2C bus: Pi4J's fair per-bus lock, so transactions never interleave. */
final class SimI2CBus extends I2CBusBase {

  SimI2CBus(I2CConfig config) {
    super(config);
  }

  @Override
  public <R> R execute(I2C i2c, Callable<R> action) {
    return _execute(i2c, action);
  }
}
