package space.lunarbase.hil;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.hil.rig.FirmwareProcess;
import space.lunarbase.proto.v1.ControllerState.Status;
import space.lunarbase.testkit.MosquittoBroker;
import space.lunarbase.testkit.MqttRecorder;

/**
 * The flight application, the jar the Debian package installs ({@code firmware-app-flight.jar}):
 * it carries no simulator and no Moquette, refuses a simulated start with one line, and starts real
 * hardware as far as the board's devices; the simulator jar ({@code firmware-app-sim.jar}) is
 * exactly what it leaves out, and after it on a class path runs a simulated board.
 */
class FlightJarTest {

  static final Path TARGET = FirmwareProcess.projectRoot().resolve("firmware-app/target");
  static final Path FLIGHT = TARGET.resolve("firmware-app-flight.jar");
  static final Path SIMULATOR = TARGET.resolve("firmware-app-sim.jar");
  static final Path ALL = TARGET.resolve("firmware-app-all.jar");
  static final List<String> SIMULATION = List.of("space/lunarbase/hal/sim/", "space/lunarbase/fsw/sim/", "io/moquette/");
  static final String MAIN = "space.lunarbase.fsw.Application";

  @Test
  void theFlightJarCarriesNoSimulatorAndTheSimulatorJarIsExactlyTheRest() {
    Set<String> flight = classes(FLIGHT);
    Set<String> simulator = classes(SIMULATOR);

    assertThat(flight).contains("space/lunarbase/fsw/Application.class", "space/lunarbase/hal/board/LinuxBoard.class",
        "org/eclipse/paho/mqttv5/client/MqttAsyncClient.class");
    assertThat(flight).filteredOn(FlightJarTest::simulated).as("simulated classes in the flight jar").isEmpty();
    assertThat(entries(FLIGHT)).filteredOn(e -> e.startsWith("META-INF/micronaut/") && e.contains("space.lunarbase.fsw.sim."))
        .as("simulated beans named in the flight jar").isEmpty();
    assertThat(simulator).contains("space/lunarbase/hal/sim/SimulatedBoard.class",
        "space/lunarbase/fsw/sim/SimulatedHardwareFactory.class", "io/moquette/broker/Server.class");

    Set<String> both = new TreeSet<>(flight);
    both.retainAll(simulator);
    assertThat(both).as("classes in both jars").isEmpty();
    Set<String> union = new HashSet<>(flight);
    union.addAll(simulator);
    Set<String> lost = new TreeSet<>(classes(ALL));
    lost.removeAll(union);
    assertThat(lost).as("classes of firmware-app-all.jar in neither jar").isEmpty();
  }

  @Test
  void withTheFlightJarASimulatedStartStopsWithOneLineAndExitCodeTwo(@TempDir Path data) {
    try (FirmwareProcess firmware = FirmwareProcess.java(command(List.of("-jar", FLIGHT.toString()),
        MainCommandTest.args(data, "--hal.mode=sim")))) {
      assertThat(firmware.awaitExit(MainCommandTest.START)).isEqualTo(2);
      assertThat(firmware.stderr()).containsExactly("lunarbase-fsw: cannot start: hal.mode='sim' is not valid: this is"
          + " the flight application, which carries no simulator: a board runs hal.mode=real (a simulated board runs"
          + " with ./run-sim or firmware-app-all.jar)");
      assertThat(firmware.stdout()).isEmpty();
    }
  }

  /**
   * Everything a board configures, on a machine without its devices: the start gets past the link's
   * and the key ring's checks and stops at the first missing device, the pack monitor's I2C bus.
   */
  @Test
  void withTheFlightJarARealStartRunsUpToTheBoardsDevices(@TempDir Path data) throws IOException {
    assumeFalse(Files.exists(Path.of("/dev/i2c-1")), "this machine has the board's I2C bus");
    // a site's own ring: fresh secrets (the published development ones are refused in real mode), owner-only
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    Path keys = data.resolve("keys.yml");
    Files.writeString(keys, "keys:\n  - id: site-operator\n    role: operator\n    secret: "
        + HexFormat.of().formatHex(secret) + "\n");
    Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rw-------"));
    for (String file : List.of("ca.crt", "board.crt", "board.key")) {
      Files.writeString(data.resolve(file), "");
    }
    try (FirmwareProcess firmware = FirmwareProcess.java(command(List.of("-jar", FLIGHT.toString()),
        MainCommandTest.args(data.resolve("data"), "--hal.mode=real", "--lunarbase.commands.key-file=" + keys,
            "--lunarbase.link.broker-url=ssl://127.0.0.1:8883", "--lunarbase.link.tls.ca-file=" + data.resolve("ca.crt"),
            "--lunarbase.link.tls.cert-file=" + data.resolve("board.crt"),
            "--lunarbase.link.tls.key-file=" + data.resolve("board.key"))))) {
      assertThat(firmware.awaitExit(MainCommandTest.START)).isEqualTo(2);
      assertThat(firmware.stderr()).filteredOn(l -> l.startsWith("lunarbase-fsw:")).containsExactly(
          "lunarbase-fsw: cannot start: bank: no I2C bus /dev/i2c-1 for bank.pack-monitor: is I2C enabled"
              + " (dtparam=i2c_arm=on)?");
    }
  }

  @Test
  void theFlightJarWithTheSimulatorJarAfterItRunsASimulatedBoard(@TempDir Path data) {
    try (MosquittoBroker broker = MosquittoBroker.start();
         MqttRecorder recorder = MqttRecorder.subscribe(broker.url(), "lunarbase/v1/#");
         FirmwareProcess firmware = FirmwareProcess.java(command(List.of("-cp", FLIGHT + ":" + SIMULATOR, MAIN),
             MainCommandTest.args(data, "--lunarbase.link.broker-url=" + broker.url())))) {
      recorder.awaitMatch(MainCommandTest.STATE, m -> !m.retained()
          && MainCommandTest.state(m).getStatus() == Status.STATUS_ONLINE && MainCommandTest.state(m).getHalMode().equals("sim"),
          MainCommandTest.START);
      assertThat(recorder.awaitCount(MainCommandTest.BANK, 2, Duration.ofSeconds(20))).hasSizeGreaterThanOrEqualTo(2);
      assertThat(firmware.terminate(Duration.ofSeconds(20))).isEqualTo(143);
    }
  }

  private static List<String> command(List<String> java, String... args) {
    List<String> command = new ArrayList<>(java);
    command.addAll(List.of(args));
    return command;
  }

  private static boolean simulated(String entry) {
    return SIMULATION.stream().anyMatch(entry::startsWith);
  }

  /** The class files of a jar, outside META-INF (multi-release module descriptors). */
  private static Set<String> classes(Path jar) {
    Set<String> classes = new HashSet<>();
    for (String entry : entries(jar)) {
      if (entry.endsWith(".class") && !entry.startsWith("META-INF/")) {
        classes.add(entry);
      }
    }
    return classes;
  }

  private static List<String> entries(Path jar) {
    assertThat(jar).as("built by ./mvnw -pl firmware-app -am package").exists();
    try (JarFile file = new JarFile(jar.toFile())) {
      return file.stream().filter(e -> !e.isDirectory()).map(ZipEntry::getName).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
