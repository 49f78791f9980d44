package space.lunarbase.fsw.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import space.lunarbase.fsw.Firmware;
import space.lunarbase.fsw.StartFailure;

/**
 * With {@code hal.mode=real} the firmware refuses, with one line naming the setting, a link that is
 * not secure: the embedded broker, a plain {@code tcp://} broker, a connection without a client
 * certificate. (Whichever bean fails first, as in {@code Application.main}, the line is this one.)
 */
class RealModeLinkTest {

  @ParameterizedTest(name = "[{index}] {2}")
  @CsvSource(delimiter = '|', value = {
      "''                     | ''                  | lunarbase.link.broker-url=(missing) is not valid: with hal.mode=real give the site broker (ssl://host:8883); the embedded broker is for hal.mode=sim only",
      "tcp://127.0.0.1:1883   | ''                  | lunarbase.link.broker-url='tcp://127.0.0.1:1883' is not valid: with hal.mode=real the broker is reached over TLS: use ssl://host:port",
      "tcp://127.0.0.1:1883   | /etc/lunarbase/c.pem | lunarbase.link.broker-url='tcp://127.0.0.1:1883' is not valid: with hal.mode=real the broker is reached over TLS",
      "ssl://127.0.0.1:8883   | ''                  | lunarbase.link.tls.cert-file=(missing) is not valid: with hal.mode=real the controller connects with its client certificate (no anonymous connection)",
  })
  void anInsecureLinkStopsARealStartWithOneLine(String url, String cert, String expected, @TempDir Path data) {
    Map<String, Object> properties = new HashMap<>(Firmware.properties(data, Map.of("hal.mode", "real",
        "lunarbase.link.broker-url", url, "lunarbase.link.tls.cert-file", cert)));
    ApplicationContext context = ApplicationContext.builder().properties(properties).build();
    Throwable failure = catchThrowable(context::start);
    try {
      assertThat(failure).as("the start must fail").isNotNull();
      String line = StartFailure.describe(failure, context.getEnvironment());
      assertThat(line).startsWith(expected).doesNotContain("\n");
    } finally {
      if (context.isRunning()) {
        context.close();
      }
    }
  }

  @ParameterizedTest(name = "[{index}] {4}")
  @CsvSource(delimiter = '|', value = {
      "ssl://127.0.0.1:8883 | ''                  | ''   | ''                  | lunarbase.link.tls.ca-file=(missing) is not valid: an ssl:// broker needs the PEM certificate of the CA",
      "tcp://127.0.0.1:1883 | /etc/lunarbase/ca.pem | ''  | ''                  | lunarbase.link.broker-url='tcp://127.0.0.1:1883' is not valid: lunarbase.link.tls.* is set, so the broker must be an ssl://host:port URL",
      "ssl://127.0.0.1:8883 | /nonexistent/ca.pem | ''   | ''                  | lunarbase.link.tls: /nonexistent/ca.pem: cannot read it",
      "ssl://127.0.0.1:8883 | /nonexistent/ca.pem | /nonexistent/c.pem | ''    | lunarbase.link.tls: a client certificate and its key go together",
      "tcp://127.0.0.1:1883 | ''                  | ''   | /nonexistent/pw     | lunarbase.link.password-file='/nonexistent/pw' is not valid: cannot read it",
  })
  void badLinkFilesStopAnyStartWithOneLineNamingTheSetting(String url, String ca, String cert, String password,
                                                          String expected, @TempDir Path data) {
    Map<String, Object> properties = new HashMap<>(Firmware.properties(data, Map.of("lunarbase.link.broker-url", url,
        "lunarbase.link.tls.ca-file", ca, "lunarbase.link.tls.cert-file", cert,
        "lunarbase.link.password-file", password)));
    Throwable failure = catchThrowable(() -> ApplicationContext.run(properties).close());
    assertThat(failure).as("the start must fail").isNotNull();
    assertThat(StartFailure.describe(failure)).startsWith(expected).doesNotContain("\n");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"sim, ''", "sim, tcp://127.0.0.1:1883", "real, ssl://127.0.0.1:8883"})
  void aSecureLinkOrASimulatedBoardPassesTheRule(String mode, String url) {
    assertThat(RealModeLink.check(mode, url, "sim".equals(mode) ? "" : "/etc/lunarbase/c.pem")).isEmpty();
  }
}
