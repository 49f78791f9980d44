package space.lunarbase.hil;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.hil.rig.FirmwareProcess;

/** The simulation control channel cannot be switched on for real hardware: {@code ./run-sim} refuses to start. */
class SimControlProcessTest {

  @Test
  void inRealModeTheFlagStopsTheStartWithOneLineAndExitCodeTwo(@TempDir Path data) {
    try (FirmwareProcess firmware = FirmwareProcess.start(MainCommandTest.args(data, "--hal.mode=real",
        "--lunarbase.sim-control.enabled=true"))) {
      int exit = firmware.awaitExit(MainCommandTest.START);

      assertThat(exit).isEqualTo(2);
      assertThat(firmware.stderr()).filteredOn(l -> !l.startsWith("run-sim: building")).containsExactly(
          "lunarbase-fsw: cannot start: lunarbase.sim-control.enabled='true' is not valid: the simulation control"
              + " channel exists only with hal.mode=sim (this is hal.mode=real)");
      assertThat(firmware.stdout()).isEmpty();
    }
  }
}
