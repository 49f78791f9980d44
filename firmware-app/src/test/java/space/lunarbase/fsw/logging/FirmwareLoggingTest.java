package space.lunarbase.fsw.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import java.nio.charset.StandardCharsets;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The firmware's logging in code: the appender, pattern and levels, found as logback's service. */
class FirmwareLoggingTest {

  @Test
  void logbackFindsItAsItsConfigurator() {
    assertThat(ServiceLoader.load(ch.qos.logback.classic.spi.Configurator.class).stream()
        .map(ServiceLoader.Provider::type)).contains(FirmwareLogging.class);
  }

  @Test
  void oneStderrAppenderWithThePatternAndTheLevels() {
    LoggerContext context = new LoggerContext();
    FirmwareLogging logging = new FirmwareLogging(() -> false);
    logging.setContext(context);

    assertThat(logging.configure(context)).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);

    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    assertThat(root.getLevel()).isEqualTo(Level.INFO);
    ConsoleAppender<ILoggingEvent> stderr = (ConsoleAppender<ILoggingEvent>) root.getAppender("STDERR");
    assertThat(stderr.isStarted()).isTrue();
    assertThat(stderr.getTarget()).isEqualTo("System.err");
    assertThat(context.getLogger("com.pi4j.boardinfo").getEffectiveLevel()).isEqualTo(Level.OFF);
    assertThat(context.getLogger("com.pi4j.io").getEffectiveLevel()).isEqualTo(Level.WARN);
    assertThat(context.getLogger("io.micronaut.context").getEffectiveLevel()).isEqualTo(Level.WARN);
    assertThat(context.getLogger("io.netty").getEffectiveLevel()).isEqualTo(Level.WARN);
    assertThat(context.getLogger("space.lunarbase.fsw.link.MqttLink").getEffectiveLevel()).isEqualTo(Level.INFO);

    LoggingEvent event = new LoggingEvent("x", context.getLogger("space.lunarbase.fsw.link.MqttLink"), Level.WARN,
        "lost MQTT broker {}", null, new Object[] {"tcp://b:1883"});
    String line = new String(((PatternLayoutEncoder) stderr.getEncoder()).encode(event), StandardCharsets.UTF_8);
    assertThat(line).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} WARN  MqttLink - lost MQTT broker tcp://b:1883\\R");
  }

  @Test
  void aConfigurationFileOrATestConfigurationTakesPrecedence() {
    LoggerContext context = new LoggerContext();
    FirmwareLogging logging = new FirmwareLogging(() -> true);
    logging.setContext(context);

    assertThat(logging.configure(context)).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
    assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders().hasNext()).isFalse();
  }
}
