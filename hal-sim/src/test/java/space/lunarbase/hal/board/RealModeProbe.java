package space.lunarbase.hal.board;

import java.time.InstantSource;
import space.lunarbase.hal.DeviceException;

/**
 * Run in a child JVM by {@link RealModeLoadsNoSimulationTest}: opens the demo board for real and
 * prints how it ended, so the parent can read which classes the JVM loaded on the way.
 */
public final class RealModeProbe {

  private RealModeProbe() {}

  public static void main(String[] args) {
    try (LinuxBoard board = LinuxBoard.open(BoardDescription.demo(), InstantSource.system())) {
      System.out.println("PROBE opened " + board.mode());
    } catch (DeviceException e) {
      System.out.println("PROBE failed: " + e.getMessage());
    }
  }
}
