package space.lunarbase.ground.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import space.lunarbase.ground.site.SiteCommand;
import space.lunarbase.proto.Schema;

/**
 * {@code lunarctl}, the operator's command line for lunarbase controllers. Each verb is a subcommand
 * class registered below: {@link WatchCommand}, {@link StateCommand}, {@link RecordCommand},
 * {@link ReplayCommand}, {@link RebirthCommand}, {@link SendCommand} (signed commands), {@link SeqCommand}
 * (stored sequences), {@link SiteCommand} (a secure site's certificates and broker files).
 * Prints only its own lines on stdout; diagnostics go to stderr.
 */
@Command(name = "lunarctl", mixinStandardHelpOptions = true, versionProvider = Lunarctl.Version.class,
    exitCodeOnInvalidInput = Lunarctl.EXIT_USAGE,
    description = "Watch, list, record and replay what lunarbase controllers publish over MQTT; send them signed"
        + " commands and sequences; provision a secure site's certificates.",
    subcommands = {WatchCommand.class, StateCommand.class, RecordCommand.class, ReplayCommand.class,
        RebirthCommand.class, SendCommand.class, CommandsCommand.class, SeqCommand.class, SiteCommand.class, HelpCommand.class})
public final class Lunarctl implements Runnable {

  /** Done as asked. */
  public static final int EXIT_OK = 0;
  /** The broker cannot be reached, or refused the connection or subscription. */
  public static final int EXIT_BROKER = 2;
  /**
   * {@code --timeout} ran out before the command was done (send: no acknowledgement the controller
   * signed; forged acks and unauthenticated refusals do not count, and the note names them).
   */
  public static final int EXIT_TIMEOUT = 3;
  /**
   * A record file cannot be written or read, is not one, or is truncated or corrupt; send: the key
   * file cannot be used (or does not hold the key), or the counter state file cannot be; seq: the
   * sequence file cannot be read or parsed; site: the manifest or the site folder cannot be used;
   * any command that connects: a TLS file ({@code --ca}, {@code --cert}, {@code --cert-key}) or the
   * {@code --password-file} cannot be used.
   */
  public static final int EXIT_FILE = 4;
  /** send: the command was ACCEPTED, but {@code --no-wait}, or no COMPLETED/FAILED came within {@code --timeout}. */
  public static final int EXIT_ACCEPTED = 10;
  /** send: the command was accepted and then FAILED. */
  public static final int EXIT_FAILED = 11;
  /** send: the controller REJECTED the command (the reason is printed). */
  public static final int EXIT_REJECTED = 12;
  /**
   * The command line is wrong (sysexits EX_USAGE; picocli's default 2 would read as a broker failure),
   * including broker options that cannot work together (e.g. {@code ssl://} without {@code --ca}).
   */
  public static final int EXIT_USAGE = 64;
  /** Stopped by Ctrl-C (128 + SIGINT). */
  public static final int EXIT_INTERRUPTED = 130;

  /** Paho logs through java.util.logging; its lines are not for operators. Held so it is not collected. */
  private static final Logger PAHO_LOG = Logger.getLogger("org.eclipse.paho.client.mqttv3");

  @Spec
  private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing command: try 'lunarctl help'");
  }

  /** The command line as {@code lunarctl} runs it: stdout and stderr of the process, the system clock. */
  public static void main(String[] args) {
    PAHO_LOG.setLevel(Level.OFF);
    CommandLine commandLine = commandLine(Clock.systemUTC());
    // Straight to the file descriptor: System.out would swallow a broken pipe (`| head`), and
    // watch could not notice that nobody reads any more.
    commandLine.setOut(new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out),
        System.out.charset()), false));
    System.exit(commandLine.execute(args));
  }

  /**
   * A {@link CommandLine} for lunarctl; tests set its out and err writers and call execute. The
   * clock stamps what arrives (receive times; the time of payloads without a sample time of their
   * own): every subcommand with a {@code (Clock)} constructor gets it.
   */
  public static CommandLine commandLine(Clock clock) {
    IFactory defaults = CommandLine.defaultFactory();
    IFactory factory = new IFactory() {
      @Override
      public <K> K create(Class<K> type) throws Exception {
        try {
          return type.cast(type.getDeclaredConstructor(Clock.class).newInstance(clock));
        } catch (NoSuchMethodException e) {
          return defaults.create(type);
        }
      }
    };
    return new CommandLine(new Lunarctl(), factory);
  }

  /** {@code lunarctl --version}: this build's version and the wire schema it decodes. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties properties = new Properties();
      try (InputStream in = Lunarctl.class.getResourceAsStream("/lunarctl-version.properties")) {
        if (in != null) {
          properties.load(in);
        }
      }
      return new String[] {
          "lunarctl " + properties.getProperty("version", "(unknown version)"),
          "wire schema " + Schema.summary()};
    }
  }
}
