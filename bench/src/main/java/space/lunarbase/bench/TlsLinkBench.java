package space.lunarbase.bench;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import org.HdrHistogram.Histogram;
import space.lunarbase.fsw.app.bank.BankSampler;
import space.lunarbase.fsw.core.telemetry.Outbound;
import space.lunarbase.testkit.MosquittoBroker;
import space.lunarbase.testkit.TestSite;
import space.lunarbase.wire.TlsFiles;

/**
 * Section 3: the pipeline over TLS (and the link alone: pre-built frames offered to the outbox)
 * against a bare Paho MQTT 5 publisher over TLS, and the bare
 * publisher over TLS against the same over plain TCP, on one site broker: Mosquitto running
 * {@code deploy/mosquitto/site.conf} (TLS, client certificates, the site's ACL) with a second,
 * plain-TCP listener that takes a username and password under the same ACL
 * ({@link MosquittoBroker#startSecureWithPlainListener}), so the two transports share one broker
 * process and one configuration.
 *
 * <p>Every publisher has an identity of its own, so none replaces another (one certificate, one
 * connection), and publishes below its own prefix as the ACL requires, on topics of the same length:
 * the firmware as controller {@code ctl-1} (its site bundle), the bare TLS side as {@code ctl-2}
 * (its certificate), the bare plain side as {@code ctl-3} (its CN as the username). Observer
 * {@code ground} receives {@code ctl-1} and {@code ctl-2} over TLS, observer {@code ground-plain}
 * receives {@code ctl-3} on the plain listener: each path is TLS or plain end to end.
 */
final class TlsLinkBench {

  /** The bench site: three controllers of one family, two observers. */
  static final String MANIFEST = """
      site: %s
      broker: { hosts: [localhost], ips: [127.0.0.1] }
      controllers:
        - { id: %s, families: [bank] }
        - { id: ctl-2, families: [bank] }
        - { id: ctl-3, families: [bank] }
      observers: [ground, ground-plain]
      """.formatted(FirmwareUnderTest.SITE, FirmwareUnderTest.CONTROLLER);

  private static final String BARE_TLS = "ctl-2";
  private static final String BARE_PLAIN = "ctl-3";
  private static final String OBSERVER = "ground";
  private static final String OBSERVER_PLAIN = "ground-plain";

  private final BenchConfig config;
  private final Rounds rounds;

  TlsLinkBench(BenchConfig config, Rounds rounds) {
    this.config = config;
    this.rounds = rounds;
  }

  /** Provisions the site, starts its broker, measures each of {@code tlsQos} into {@code report}. Returns a real frame. */
  byte[] run(BenchReport report) throws Exception {
    LinkBench.log("TLS: provisioning the bench site");
    TestSite site = TestSite.provision(MANIFEST);
    String plainPublisher = site.identity(BARE_PLAIN).commonName();
    String publisherPassword = secret();
    String observerPassword = secret();
    try (MosquittoBroker broker = MosquittoBroker.startSecureWithPlainListener(site,
        Map.of(plainPublisher, publisherPassword, OBSERVER_PLAIN, observerPassword))) {
      Logins logins = new Logins(
          BrokerLogin.tls(broker.url(), site.tls(OBSERVER)),
          BrokerLogin.password(broker.plainUrl(), "bench-" + OBSERVER_PLAIN, OBSERVER_PLAIN, observerPassword),
          BrokerLogin.tls(broker.url(), site.tls(BARE_TLS)),
          BrokerLogin.password(broker.plainUrl(), plainPublisher, plainPublisher, publisherPassword));
      BenchReport.Tls tls = new BenchReport.Tls(handshake(broker, site.tls(BARE_TLS)));
      report.tls = tls;
      byte[] frame = null;
      for (int qos : config.tlsQos()) {
        frame = throughputRun(broker, site, logins, qos, tls);
      }
      return frame;
    }
  }

  /** The four benchmark clients' logins (the firmware has its own settings). */
  private record Logins(BrokerLogin observer, BrokerLogin observerPlain, BrokerLogin bareTls, BrokerLogin barePlain) {}

  private byte[] throughputRun(MosquittoBroker broker, TestSite site, Logins logins, int qos, BenchReport.Tls tls)
      throws Exception {
    int capacity = Math.max(10_000, config.messages() * 2);
    String bareTlsTopic = site.prefix(BARE_TLS) + "tlm/bank";
    String barePlainTopic = site.prefix(BARE_PLAIN) + "tlm/bank";
    LinkBench.log("TLS QoS %d: starting firmware", qos);
    try (FirmwareUnderTest fw = FirmwareUnderTest.start(broker.url(), Optional.of(site.bundle(FirmwareUnderTest.CONTROLLER)),
             qos, config.maxInflight(), capacity);
         BenchSubscriber sub = BenchSubscriber.subscribe(logins.observer(), List.of(fw.bankTopic(), bareTlsTopic), qos,
             config.maxInflight(), fw::clockNanos);
         BenchSubscriber subPlain = BenchSubscriber.subscribe(logins.observerPlain(), List.of(barePlainTopic), qos,
             config.maxInflight(), fw::clockNanos);
         BarePublisher bareTls = BarePublisher.connect(logins.bareTls(), config.maxInflight());
         BarePublisher barePlain = BarePublisher.connect(logins.barePlain(), config.maxInflight())) {
      byte[] frame = Rounds.probeFrame(fw, sub);
      int n = config.messages();
      Runnable sample = () -> fw.sampler().sample();
      Runnable offer = Rounds.offering(fw, frame, qos);
      double[] pipeline = new double[config.rounds()];
      double[] linkOnly = new double[config.rounds()];
      double[] tlsRates = new double[config.rounds()];
      double[] plainRates = new double[config.rounds()];
      double[] pipelineDelivered = new double[config.rounds()];
      double[] tlsDelivered = new double[config.rounds()];
      double[] plainDelivered = new double[config.rounds()];
      long[] lost = new long[1];
      long dropped0 = fw.outbox().dropped();
      for (int w = 0; w < config.warmups(); w++) {
        rounds.warmFirmware(fw, sub, qos, n, sample, offer);
        rounds.bare(bareTls, sub, bareTlsTopic, frame, qos, n, new long[1], new double[1]);
        rounds.bare(barePlain, subPlain, barePlainTopic, frame, qos, n, new long[1], new double[1]);
      }
      for (int r = 0; r < config.rounds(); r++) {
        double[] produced = new double[2];
        double[] deliveredTls = new double[1];
        double[] deliveredPlain = new double[1];
        // the four sides take turns at going first
        for (int k = 0; k < 4; k++) {
          switch ((r + k) % 4) {
            case 0 -> pipeline[r] = rounds.firmware(fw, sub, qos, n, sample, produced, lost);
            case 1 -> linkOnly[r] = rounds.firmware(fw, sub, qos, n, offer, new double[2], lost);
            case 2 -> tlsRates[r] = rounds.bare(bareTls, sub, bareTlsTopic, frame, qos, n, lost, deliveredTls);
            default -> plainRates[r] = rounds.bare(barePlain, subPlain, barePlainTopic, frame, qos, n, lost,
                deliveredPlain);
          }
        }
        pipelineDelivered[r] = produced[1];
        tlsDelivered[r] = deliveredTls[0];
        plainDelivered[r] = deliveredPlain[0];
        LinkBench.log("TLS QoS %d round %d: pipeline %.0f, outbox->link %.0f, bare TLS %.0f, bare plain %.0f msg/s",
            qos, r + 1, pipeline[r], linkOnly[r], tlsRates[r], plainRates[r]);
      }
      tls.throughput.add(new BenchReport.TlsThroughput(qos, n, pipeline, linkOnly, tlsRates, plainRates, pipelineDelivered,
          tlsDelivered, plainDelivered, fw.outbox().dropped() - dropped0, lost[0]));
      tls.window = bareTls.window();
      if (qos == config.latencyQos()) {
        LinkBench.log("TLS latency: %d msg/s, %.1f s per side", config.latencyRate(), config.latencySeconds());
        int timeOffset = Rounds.sampleTimeOffset(frame);
        Histogram[] measured = rounds.interleaved(List.of(
            new Rounds.Paced(sub, sample),
            new Rounds.Paced(sub, () -> fw.outbox().offer(new Outbound(BankSampler.STREAM,
                Rounds.stamped(frame, timeOffset, fw.clockNanos()), qos, false))),
            new Rounds.Paced(sub, Rounds.bareSend(bareTls, bareTlsTopic, frame, qos, fw)),
            new Rounds.Paced(subPlain, Rounds.bareSend(barePlain, barePlainTopic, frame, qos, fw))), () -> { });
        tls.latencyQos = qos;
        tls.latencyRate = config.latencyRate();
        tls.pipelineLatency = BenchReport.Latency.of(measured[0]);
        tls.linkLatency = BenchReport.Latency.of(measured[1]);
        tls.bareTlsLatency = BenchReport.Latency.of(measured[2]);
        tls.barePlainLatency = BenchReport.Latency.of(measured[3]);
      }
      return frame;
    }
  }

  /** What a client with {@code files} negotiates with the broker: protocol and cipher suite. */
  private static String handshake(MosquittoBroker broker, TlsFiles files) throws IOException {
    try (SSLSocket socket = (SSLSocket) files.socketFactory().createSocket("127.0.0.1", broker.port())) {
      socket.startHandshake();
      SSLSession session = socket.getSession();
      return session.getProtocol() + " " + session.getCipherSuite();
    }
  }

  private static String secret() {
    byte[] bytes = new byte[16];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
