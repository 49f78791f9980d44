package space.lunarbase.fsw.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The firmware's logging, configured in code rather than from XML (logback's Joran parser and
 * model cost a tenth of a second or more of every start): one appender on stderr, this pattern,
 * these levels. Logback finds it as a {@link Configurator} service before its own XML lookup. It
 * steps aside, and logback reads XML as usual, when {@code -Dlogback.configurationFile} names a
 * file or a {@code logback-test.xml} is on the class path.
 */
public final class FirmwareLogging extends ContextAwareBase implements Configurator {

  /** The layout of every line: time, level, logger's simple name, message. */
  public static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{0} - %msg%n";

  /** The loggers given a level of their own; everything else logs INFO and above. */
  public static final Map<String, Level> LEVELS = Map.of(
      // off a Pi, board detection logs three ERRORs and a WARN that mean nothing here
      "com.pi4j.boardinfo", Level.OFF,
      "com.pi4j", Level.WARN,
      "io.moquette", Level.WARN,
      "io.netty", Level.WARN,
      "io.micronaut", Level.WARN);

  /** Logback's own system property naming a configuration file. */
  static final String CONFIGURATION_FILE = "logback.configurationFile";
  static final String TEST_CONFIGURATION = "logback-test.xml";

  private final BooleanSupplier fileConfigured;

  /** As logback's service loader makes it. */
  public FirmwareLogging() {
    this(() -> System.getProperty(CONFIGURATION_FILE) != null || hasTestConfiguration());
  }

  /** Steps aside whenever {@code fileConfigured} says an XML configuration is to be used. */
  FirmwareLogging(BooleanSupplier fileConfigured) {
    this.fileConfigured = fileConfigured;
  }

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (fileConfigured.getAsBoolean()) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
    stderr.setContext(context);
    stderr.setName("STDERR");
    stderr.setTarget("System.err");
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(PATTERN);
    encoder.start();
    stderr.setEncoder(encoder);
    stderr.start();
    LEVELS.forEach((name, level) -> context.getLogger(name).setLevel(level));
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.INFO);
    root.addAppender(stderr);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  private static boolean hasTestConfiguration() {
    ClassLoader loader = FirmwareLogging.class.getClassLoader();
    return loader != null && loader.getResource(TEST_CONFIGURATION) != null;
  }
}
