package space.lunarbase.fsw.link;

import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Singleton;
import java.io.PrintStream;
import java.net.URI;
import java.util.Optional;
import space.lunarbase.fsw.app.bank.BankSampler;
import space.lunarbase.fsw.config.BankSettings;
import space.lunarbase.fsw.config.ControllerSettings;
import space.lunarbase.fsw.config.HalSettings;
import space.lunarbase.fsw.config.LinkTlsSettings;
import space.lunarbase.fsw.config.SimControlGuard;
import space.lunarbase.fsw.core.boot.BootInfo;
import space.lunarbase.wire.Topics;

/**
 * Tells the person who started the firmware what is running and the exact commands to watch it:
 * lunarctl, and mosquitto_sub piped into protoc (on a TLS site broker with the site's CA and the
 * watcher's own certificate). Printed on stdout once the context has started.
 */
@Singleton
public final class StartupNotice {

  private final ControllerSettings controller;
  private final HalSettings hal;
  private final BankSettings bank;
  private final BootInfo boot;
  private final BrokerEndpoint broker;
  private final Topics topics;
  private final Optional<EmbeddedServer> http;
  private final boolean simControl;
  private final LinkTlsSettings tls;

  StartupNotice(ControllerSettings controller, HalSettings hal, BankSettings bank, BootInfo boot,
                BrokerService broker, Topics topics,
                Optional<EmbeddedServer> http, Optional<SimControlGuard> simControl, LinkTlsSettings tls) {
    this.controller = controller;
    this.hal = hal;
    this.bank = bank;
    this.boot = boot;
    this.broker = broker.endpoint();
    this.topics = topics;
    this.http = http;
    this.simControl = simControl.isPresent();
    this.tls = tls;
  }

  static String human(java.time.Duration period) {
    long millis = period.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
  }

  /** Prints what runs and how to watch it. */
  public void print(PrintStream out) {
    URI uri = URI.create(broker.url());
    String host = uri.getHost();
    int port = uri.getPort() < 0 ? 1883 : uri.getPort();
    out.printf("lunarbase-fsw %s: controller %s/%s, boot %d, hal %s, bank frames every %s%n",
        boot.firmwareVersion(), controller.site(), controller.controller(), boot.bootCount(), hal.mode(),
        human(bank.samplePeriod()));
    out.printf("MQTT broker: %s%s%s%n", broker.url(), broker.embedded() ? " (embedded)" : "",
        broker.note().isEmpty() ? "" : " (" + broker.note() + ")");
    http.filter(EmbeddedServer::isRunning).ifPresent(server ->
        out.printf("Health: http://%s:%d/health%n", server.getHost(), server.getPort()));
    if (simControl) {
      http.filter(EmbeddedServer::isRunning).ifPresent(server -> out.printf(
          "Simulation control: http://%s:%d/sim (faults, clock, plant state; loopback only)%n",
          server.getHost(), server.getPort()));
    }
    out.println("Watch it from the project folder with:");
    if (broker.url().startsWith("ssl://")) {
      // a site broker: the watcher connects with its own certificate (an observer's or an
      // operator's), never the controller's: one certificate is one connection
      String ca = tls.ca().map(Object::toString).orElse("CA.crt");
      out.printf("  ./lunarctl watch '%s' --broker %s --ca %s --cert YOU.crt --cert-key YOU.key%n",
          topics.all(), broker.url(), ca);
      out.printf("  mosquitto_sub -h %s -p %d --cafile %s --cert YOU.crt --key YOU.key -t %s -C 1 -N"
          + " | protoc --decode=lunarbase.v1.TelemetryFrame -I proto/src/main/proto lunarbase/v1/telemetry.proto%n",
          host, port, ca, topics.of(BankSampler.STREAM));
      out.println("  (YOU.crt, YOU.key: your observer or operator bundle of the site, not this controller's)");
    } else {
      out.printf("  ./lunarctl watch '%s' --broker %s%n", topics.all(), broker.url());
      out.printf("  mosquitto_sub -h %s -p %d -t %s -C 1 -N | protoc --decode=lunarbase.v1.TelemetryFrame"
          + " -I proto/src/main/proto lunarbase/v1/telemetry.proto%n", host, port, topics.of(BankSampler.STREAM));
    }
    out.println("Stop with Ctrl-C: the controller publishes OFFLINE and exits.");
    out.flush();
  }
}
