package space.lunarbase.fsw.core.watchdog;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import space.lunarbase.fsw.core.os.ShortProgram;

/**
 * Sends notifications with the {@code systemd-notify} program. The JDK cannot: its
 * {@code DatagramChannel} has no AF_UNIX support (JEP 380 gave Unix-domain sockets to the stream
 * channels only; {@code DatagramChannel.open(UNIX)} throws), and {@code NOTIFY_SOCKET} is a
 * datagram socket. {@code systemd-notify --pid=<this JVM>} names the JVM as the main process; the
 * unit sets {@code NotifyAccess=all} because the datagram comes from the child. Each send runs a
 * short process and waits for it at most {@link #TIMEOUT} ({@link ShortProgram}).
 */
public final class SystemdNotifyCommand implements NotifySender {

  static final Duration TIMEOUT = Duration.ofSeconds(2);

  private final String program;
  private final long pid;

  public SystemdNotifyCommand(String program, long pid) {
    this.program = program;
    this.pid = pid;
  }

  /** {@code systemd-notify} on the PATH, for this JVM. */
  public static SystemdNotifyCommand forThisProcess() {
    return new SystemdNotifyCommand("systemd-notify", ProcessHandle.current().pid());
  }

  @Override
  public void send(String state) throws IOException {
    ShortProgram.Ended ended = ShortProgram.run(List.of(program, "--pid=" + pid, state), TIMEOUT);
    if (!ended.succeeded()) {
      throw new IOException(program + " " + state + " exited with " + ended.exitCode());
    }
  }
}
