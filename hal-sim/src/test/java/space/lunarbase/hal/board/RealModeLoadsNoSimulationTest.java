package space.lunarbase.hal.board;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;

/** Real mode must never load a class of {@code space.lunarbase.hal.sim}: no mock can stand in for hardware. */
class RealModeLoadsNoSimulationTest {

  static final String SIM = "space.lunarbase.hal.sim.";
  /** The hal's classes and the simulation's (this module's), read together. */
  static final List<Path> CLASSES = List.of(Path.of("..", "hal", "target", "classes"), Path.of("target", "classes"));

  /** At run time: a child JVM opening the demo board with -verbose:class loads no simulated class. */
  @Test
  void openingTheRealBoardLoadsNoSimulatedClass() throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-verbose:class", "-cp", System.getProperty("java.class.path"),
        RealModeProbe.class.getName()).redirectErrorStream(true).start();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(output).as("the probe ran").contains("PROBE ");
    assertThat(output).as("LinuxBoard was loaded").contains("space.lunarbase.hal.board.LinuxBoard ");
    assertThat(output.lines().filter(line -> line.contains(SIM)).toList()).as("simulated classes loaded").isEmpty();
  }

  /** Statically: no class reachable from LinuxBoard (by jdeps' class dependencies) is simulated. */
  @Test
  void noCodePathFromTheRealBoardReachesTheSimulation() {
    Map<String, Set<String>> edges = dependencies();
    assertThat(edges).as("jdeps found our classes").containsKey("space.lunarbase.hal.sim.SimulatedBoard");

    Set<String> reached = new HashSet<>();
    Deque<String> todo = new ArrayDeque<>(List.of(LinuxBoard.class.getName()));
    while (!todo.isEmpty()) {
      String next = todo.pop();
      if (reached.add(next)) {
        todo.addAll(edges.getOrDefault(next, Set.of()));
      }
    }

    assertThat(reached).contains(CellBankAssembly.class.getName(), TrackerAssembly.class.getName(),
        RailAssembly.class.getName());
    assertThat(reached).filteredOn(name -> name.startsWith(SIM)).isEmpty();
  }

  /** Our classes' dependencies on our classes, from {@code jdeps -verbose:class}. */
  static Map<String, Set<String>> dependencies() {
    ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int exit = jdeps.run(new PrintStream(out, true, StandardCharsets.UTF_8), System.err, "-verbose:class",
        "-filter:none", "-include", "space\\.lunarbase\\..*", CLASSES.get(0).toString(), CLASSES.get(1).toString());
    assertThat(exit).as("jdeps exit").isZero();
    Pattern edge = Pattern.compile("^\\s+(space\\.lunarbase\\.\\S+)\\s+->\\s+(space\\.lunarbase\\.\\S+)");
    Map<String, Set<String>> edges = new HashMap<>();
    for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
      Matcher m = edge.matcher(line);
      if (m.find()) {
        edges.computeIfAbsent(m.group(1), k -> new HashSet<>()).add(m.group(2));
      }
    }
    return edges;
  }
}
