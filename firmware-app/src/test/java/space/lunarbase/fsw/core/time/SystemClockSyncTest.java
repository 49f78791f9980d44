package space.lunarbase.fsw.core.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The board's clock synchronisation, asked of real programs (scripts standing in for
 * {@code timedatectl} and {@code chronyc}) in its order: the kernel's status through timedatectl,
 * timesyncd's flag file, chronyc; nothing that can tell is not synchronised.
 */
class SystemClockSyncTest {

  @TempDir
  Path dir;

  @Test
  void timedatectlTellsTheKernelsStatusFirst() {
    ClockScripts scripts = new ClockScripts(dir).timedatectl("yes").chronyc("Leap status     : Not synchronised");
    assertThat(scripts.source().check()).isEqualTo(ClockSync.Status.synchronised("timedatectl NTPSynchronized", "yes"));
    scripts.timedatectl("no").timesyncFlag(true);
    ClockSync.Status no = scripts.source().check();
    assertThat(no.synchronised()).as("the kernel's no wins over the flag file").isFalse();
    assertThat(no.source()).isEqualTo("timedatectl NTPSynchronized");
  }

  @Test
  void withoutTimedatectlTimesyncdsFlagFileThenChronycTell() {
    ClockScripts scripts = new ClockScripts(dir).timedatectlFailing().timesyncFlag(true);
    assertThat(scripts.source().check().source()).isEqualTo("systemd-timesyncd");
    assertThat(scripts.source().check().synchronised()).isTrue();

    scripts.timesyncFlag(false).chronyc("Reference ID    : 00000000 ()\nLeap status     : Not synchronised");
    ClockSync.Status chrony = scripts.source().check();
    assertThat(chrony.source()).isEqualTo("chronyc tracking");
    assertThat(chrony.synchronised()).isFalse();

    scripts.chronyc("Stratum         : 3\nLeap status     : Normal");
    assertThat(scripts.source().check()).isEqualTo(ClockSync.Status.synchronised("chronyc tracking",
        "Leap status: Normal"));
  }

  @Test
  void noSourceThatCanTellIsNotSynchronised() {
    ClockSync.Status none = new ClockScripts(dir).source().check();
    assertThat(none.synchronised()).isFalse();
    assertThat(none.source()).isEqualTo("none");
    assertThat(none.detail()).startsWith("no source could tell: ").contains("timedatectl").contains("synchronized absent")
        .contains("chronyc");
  }
}
