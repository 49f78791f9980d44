package space.lunarbase.hil;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.ground.cli.Lunarctl;
import space.lunarbase.hil.rig.Args;
import space.lunarbase.hil.rig.Attacker;
import space.lunarbase.hil.rig.EventMatch;
import space.lunarbase.hil.rig.FirmwareProcess;
import space.lunarbase.hil.rig.Forgery;
import space.lunarbase.hil.rig.MosquittoClients;
import space.lunarbase.hil.rig.Observation.AckSeen;
import space.lunarbase.hil.rig.Observation.EventSeen;
import space.lunarbase.hil.rig.Observation.StateSeen;
import space.lunarbase.hil.rig.Rig;
import space.lunarbase.hil.rig.RigOptions;
import space.lunarbase.hil.rig.Scenario;
import space.lunarbase.hil.rig.Timeline.Mark;
import space.lunarbase.proto.Schema;
import space.lunarbase.proto.v1.CommandAck.Reason;
import space.lunarbase.proto.v1.CommandAck.Status;
import space.lunarbase.proto.v1.CommandBody;
import space.lunarbase.proto.v1.ControllerState;
import space.lunarbase.proto.v1.Event;
import space.lunarbase.proto.v1.SignedCommand;
import space.lunarbase.proto.v1.TelemetryFrame;
import space.lunarbase.site.SiteFolder;
import space.lunarbase.wire.TlsFiles;

/**
 * Four attacks open to any MQTT client that holds no key, each against the firmware as a
 * process, on an open broker (Mosquitto with {@code test.conf}: only the firmware's own defences)
 * and on the site broker ({@link RigOptions#withSecureBroker()}: the attacker holds at most an
 * observer's certificate, {@value Rig#INTRUDER_IDENTITY}, or none):
 *
 * <ol>
 *   <li>a 150 MB PUBLISH on {@code cmd} ({@code mosquitto_pub -f});
 *   <li>forty copies of range safety's captured command with one MAC byte flipped, then ten a second;
 *   <li>a client connecting with the controller's client id;
 *   <li>forged retained birth and schema, telemetry, events and acks.
 * </ol>
 *
 * After each: an operator's {@code core.NOOP} and range safety's {@code rail.SAFE} complete within
 * {@link #PROMPT} (from the publish to the COMPLETED ack at the rig's observer), and
 * {@code lunarctl send} prints their true, verified acks.
 */
class SiteAttackTest {

  static final String RANGE_SAFETY = "dev-range-safety";
  /** The most a NOOP or a rail.SAFE may take after an attack, from its publish to its COMPLETED ack. */
  static final Duration PROMPT = Duration.ofSeconds(2);
  static final long OVERSIZE_BYTES = 150L * 1024 * 1024;
  /** Between the link's 16 KiB limit for a command and the site broker's 32 KiB packet limit. */
  static final int MIDSIZE_BYTES = 20 * 1024;
  /** How long the intruder keeps the controller's client id on the open broker. */
  static final Duration TAKEOVER_WINDOW = Duration.ofSeconds(30);
  static final EventMatch TAKEN_OVER = EventMatch.named("LINK_CLIENT_ID_TAKEN_OVER");

  @RegisterExtension
  final Scenario scenario = Scenario.of("0", "The four attacks, on an open and on the site broker",
      "Oversize publish, MAC-flipped flood under range safety's key id, client-id takeover, forged"
          + " birth/schema/telemetry/acks; then NOOP and rail.SAFE within 2 s and lunarctl's true answers.");

  @TempDir
  Path work;

  // ---- 1. a 150 MB publish on cmd

  @Test
  void openBrokerA150MbCommandNeverReachesTheControllerAndA20KibOneIsDroppedByTheLink() throws IOException {
    Rig rig = scenario.start(open());
    MosquittoClients tools = new MosquittoClients(work);
    double garbageBefore = rig.metrics().meter("lunarbase_link_garbage_received_total");
    long rssBefore = rig.firmware().rssKib();
    Mark attack = rig.mark();

    long start = System.nanoTime();
    MosquittoClients.Result huge = tools.pub(publish(rig, Optional.empty(), "cmd", "-f", sparse("150MB.bin",
        OVERSIZE_BYTES).toString()), Duration.ofMinutes(3));
    double hugeSeconds = (System.nanoTime() - start) / 1e9;
    // published after it on the same topic, so it reaches the controller after the huge one would have
    MosquittoClients.Result midsize = tools.pub(publish(rig, Optional.empty(), "cmd", "-f",
        sparse("20KiB.bin", MIDSIZE_BYTES).toString()), Duration.ofMinutes(1));

    assertThat(huge.exit()).as("the open broker takes it: " + huge.output()).isZero();
    assertThat(midsize.exit()).as(midsize.output()).isZero();
    TelemetryFrame link = rig.awaitTelemetry(attack, "link", f -> f.getLink().getInboundOversize() >= 1, Rig.TIMEOUT);
    Event dropped = rig.awaitEvent(attack, EventMatch.named("LINK_INBOUND_DROPPED"), e -> true, Rig.TIMEOUT);
    assertThat(link.getLink().getInboundOversize()).as("only the 20 KiB one reached the link").isEqualTo(1);
    JsonNode health = rig.health();
    assertThat(health.path("details").path("link").path("status").asText()).as(health.toString()).isEqualTo("UP");
    assertThat(rig.metrics().meter("lunarbase_link_garbage_received_total")).isEqualTo(garbageBefore);
    rig.assertNoEvent(EventMatch.named("LINK_RECEIVE_DEAD"), attack);

    afterAttack(rig, "1 oversize");
    assertThat(rig.firmware().isAlive()).isTrue();
    rig.figure("mosquitto_pub -f of 150 MiB on cmd", "exit 0 after %.1f s: the open broker took it".formatted(hugeSeconds));
    rig.figure("150 MiB publish at the controller", "never delivered: Mosquitto drops it for the controller, whose"
        + " CONNECT announced Maximum Packet Size 65536 (inbound_oversize stayed at the 20 KiB one's 1)");
    rig.figure("20 KiB publish at the controller", "dropped by the link: inbound_oversize 1, " + dropped.getName()
        + " \"" + dropped.getText() + "\"");
    rig.figure("firmware RSS before / after", rssBefore + " / " + rig.firmware().rssKib() + " KiB");
    rig.figure("/health after", health.path("status").asText() + " (link "
        + health.path("details").path("link").path("status").asText() + ")");
  }

  @Test
  void siteBrokerA150MbPublishDisconnectsTheObserverAndAStrangerCannotConnect() throws IOException {
    Rig rig = scenario.start(site());
    MosquittoClients tools = new MosquittoClients(work);
    double received = receivedCommands(rig);
    Path file = sparse("150MB.bin", OVERSIZE_BYTES);

    MosquittoClients.Result observer = tools.pub(publish(rig, Optional.of(intruder(rig)), "cmd", "-f", file.toString()),
        Duration.ofMinutes(3));
    MosquittoClients.Result stranger = tools.pub(publish(rig, Optional.of(rig.site().orElseThrow().trustOnly()), "cmd",
        "-f", file.toString()), Duration.ofMinutes(3));
    int midsize;
    try (Attacker attacker = Attacker.connect(rig, "oversize")) {
      midsize = attacker.publish(rig.root() + "/cmd", new byte[MIDSIZE_BYTES], false);
    }

    assertThat(observer.exit()).as("the observer's 150 MiB publish: " + observer.output()).isNotZero();
    assertThat(rig.brokerLog()).contains("Client " + Rig.INTRUDER_IDENTITY + " disconnected due to oversize packet");
    assertThat(stranger.exit()).as("without a certificate: " + stranger.output()).isNotZero();
    assertThat(rig.brokerLog()).contains("peer did not return a certificate");
    assertThat(midsize).as("a 20 KiB publish on cmd as an observer").isEqualTo(Attacker.NOT_AUTHORIZED);
    assertThat(receivedCommands(rig)).as("nothing reached the controller's command intake").isEqualTo(received);
    assertThat(rig.metrics().meter("lunarbase_link_inbound_dropped_total", "reason=\"oversize\"")).isZero();

    afterAttack(rig, "1 oversize");
    rig.figure("mosquitto_pub -f 150 MiB as observer " + Rig.INTRUDER_IDENTITY, "exit " + observer.exit() + " ("
        + observer.output().strip() + "); broker: disconnected due to oversize packet (max_packet_size 32768)");
    rig.figure("mosquitto_pub -f 150 MiB with no certificate", "exit " + stranger.exit() + " (" + stranger.output().strip()
        + "); broker: peer did not return a certificate");
    rig.figure("20 KiB on cmd as observer", Attacker.reason(midsize));
  }

  // ---- 2. a flood of MAC-flipped copies of range safety's command

  @Test
  void openBrokerAMacFlippedFloodUnderRangeSafetysKeyIdDoesNotSpendItsBudgetNorAnswerLunarctl() {
    Rig rig = scenario.start(open());
    try (Attacker attacker = Attacker.connect(rig, "flood")) {
      SignedCommand flipped = captureAndFlip(rig, attacker);
      double badMac = rejected(rig, "BAD_MAC");
      double received = receivedCommands(rig);
      Mark attack = rig.mark();
      Flood flood = Flood.start(attacker, rig.root() + "/cmd", flipped.toByteArray());
      List<LunarctlRun> lunarctl;
      try {
        await("the first 40 copies answered by the broker").atMost(Rig.TIMEOUT).until(() -> flood.answered() >= 40);
        lunarctl = afterAttack(rig, "2 flood");
      } finally {
        flood.stop();
      }
      await("every copy the broker took has reached the controller").atMost(Rig.TIMEOUT)
          .until(() -> receivedCommands(rig) - received >= flood.accepted());

      List<AckSeen> acks = rig.timeline().since(attack, AckSeen.class, a -> true);
      assertThat(acks).as("no legitimate command was RATE_LIMITED").noneMatch(a -> a.ack().getReason()
          == Reason.REASON_RATE_LIMITED);
      long unauthenticated = acks.stream().filter(a -> a.ack().getReason() == Reason.REASON_BAD_MAC
          && a.ack().getMac().isEmpty()).count();
      assertThat(acks).as("every BAD_MAC answer is unauthenticated: it carries no MAC").filteredOn(a -> a.ack()
          .getReason() == Reason.REASON_BAD_MAC).allSatisfy(a -> assertThat(a.ack().getMac().isEmpty()).isTrue());
      assertThat(rejected(rig, "BAD_MAC") - badMac).as("refused as BAD_MAC").isPositive();
      rig.figure("flood", flood.sent() + " MAC-flipped copies of range safety's rail.SAFE under " + RANGE_SAFETY
          + " (40 at once, then 10/s); broker accepted " + flood.accepted());
      rig.figure("refused by the controller as BAD_MAC", "%.0f of %.0f received (lunarbase_commands_*)".formatted(
          rejected(rig, "BAD_MAC") - badMac, receivedCommands(rig) - received));
      rig.figure("BAD_MAC acks sent (unauthenticated, the anonymous budget: 20 then 2/s)", Long.toString(unauthenticated));
      rig.figure("lunarctl rail.SAFE during the flood noted", noted(lunarctl.get(1)));
    }
  }

  @Test
  void siteBrokerTheObserverReadsRangeSafetysCommandButCannotPublishItsFlood() {
    Rig rig = scenario.start(site());
    try (Attacker attacker = Attacker.connect(rig, "flood")) {
      SignedCommand flipped = captureAndFlip(rig, attacker);
      int first = attacker.publish(rig.root() + "/cmd", flipped.toByteArray(), false);
      double received = receivedCommands(rig);
      Flood flood = Flood.start(attacker, rig.root() + "/cmd", flipped.toByteArray());
      try {
        await("the first 40 copies answered by the broker").atMost(Rig.TIMEOUT).until(() -> flood.answered() >= 40);
        afterAttack(rig, "2 flood");
      } finally {
        flood.stop();
      }

      assertThat(first).isEqualTo(Attacker.NOT_AUTHORIZED);
      assertThat(flood.accepted()).as("copies the broker took").isZero();
      assertThat(receivedCommands(rig)).as("received: only the four legitimate commands sent since")
          .isEqualTo(received + 4);
      assertThat(rejected(rig, "BAD_MAC")).isZero();
      rig.figure("flood", flood.sent() + " MAC-flipped copies of range safety's rail.SAFE (read on cmd as observer "
          + Rig.INTRUDER_IDENTITY + "): " + flood.refused() + " refused by the broker (PUBACK 0x87 not authorized)");
      rig.figure("commands received by the controller meanwhile", "%.0f: the 4 legitimate ones".formatted(
          receivedCommands(rig) - received));
    }
  }

  // ---- 3. the controller's client id

  @Test
  void openBrokerAClientWithTheControllersIdIsOutlastedNotFoughtOnceASecond() {
    Rig rig = scenario.start(open());
    MosquittoClients tools = new MosquittoClients(work);
    String clientId = Rig.SITE + "-" + rig.options().controller(); // the firmware's client id without a certificate
    int logFrom = rig.brokerLog().length();
    Mark attack = rig.mark();

    MosquittoClients.Running intruder = tools.sub(Stream.concat(MosquittoClients.connection(rig.brokerUrl(),
        Optional.empty()).stream(), Stream.of("-i", clientId, "-t", "attacker/nothing")).toList());
    long came = rig.timeline().nowNanos();
    long left;
    try {
      await("the intruder keeps reconnecting for " + TAKEOVER_WINDOW).during(TAKEOVER_WINDOW)
          .atMost(TAKEOVER_WINDOW.plusSeconds(30)).until(intruder::isAlive);
    } finally {
      intruder.stop();
      left = rig.timeline().nowNanos();
    }
    double window = (left - came) / 1e9;
    Mark gone = rig.mark();
    List<String> log = rig.brokerLog().substring(logFrom).lines().filter(l -> l.contains("New client connected")
        && l.contains(" as " + clientId + " ")).toList();
    long firmwareConnections = log.stream().filter(l -> l.contains("(p5")).count();
    long intruderConnections = log.stream().filter(l -> !l.contains("(p5")).count();

    ControllerState back = rig.awaitState(gone, s -> s.getStatus() == ControllerState.Status.STATUS_ONLINE,
        "the controller ONLINE again once the intruder left", Duration.ofMinutes(6));
    double backAfter = (rig.timeline().nowNanos() - left) / 1e9;
    rig.awaitEvent(attack, TAKEN_OVER, e -> true, Rig.TIMEOUT); // published once the controller is back, if not before
    List<Event> takeovers = rig.events(attack, TAKEN_OVER);
    afterAttack(rig, "3 takeover");

    double perSecond = firmwareConnections / window;
    assertThat(firmwareConnections).as("the controller's connections in the %.1f s the intruder held its id: few, not"
        .formatted(window) + " one a second\n" + String.join("\n", log)).isBetween(1L, (long) (window / 5) + 2);
    assertThat(takeovers).isNotEmpty().allSatisfy(e -> assertThat(Long.parseLong(e.getArgsMap().get("retry_in_ms")))
        .isGreaterThanOrEqualTo(5000));
    assertThat(back.getBootCount()).as("the same boot: the link backed off, nothing restarted").isEqualTo(rig.boot());
    rig.figure("controller connections while the intruder held its client id", firmwareConnections
        + " in %.1f s (%.2f/s)".formatted(window, perSecond));
    rig.figure("intruder connections (mosquitto_sub reconnecting by itself)", Long.toString(intruderConnections));
    rig.figure("LINK_CLIENT_ID_TAKEN_OVER events, retry_in_ms",
        takeovers.size() + ": " + takeovers.stream().map(e -> e.getArgsMap().get("retry_in_ms")).toList());
    rig.figure("back ONLINE after the intruder left", "%.1f s (the back-off then running)".formatted(backAfter));
  }

  @Test
  void siteBrokerAnObserverAskingForTheControllersIdGetsItsOwnAndTheControllerStays() {
    Rig rig = scenario.start(site());
    MosquittoClients tools = new MosquittoClients(work);
    String controllerCn = Rig.SITE + "." + rig.options().controller();
    int logFrom = rig.brokerLog().length();
    double reconnects = rig.metrics().meter("lunarbase_link_reconnects_total");
    Mark attack = rig.mark();

    MosquittoClients.Running intruder = tools.sub(Stream.concat(MosquittoClients.connection(rig.brokerUrl(),
        Optional.of(intruder(rig))).stream(), Stream.of("-i", controllerCn, "-t", "lunarbase/v1/hil/+/state")).toList());
    MosquittoClients.Result stranger = tools.pub(Stream.concat(MosquittoClients.connection(rig.brokerUrl(),
        Optional.of(rig.site().orElseThrow().trustOnly())).stream(), Stream.of("-i", controllerCn, "-t", "x", "-m", "y"))
        .toList(), Duration.ofMinutes(1));
    try {
      await("the intruder connected").atMost(Rig.TIMEOUT)
          .until(() -> rig.brokerLog().substring(logFrom).contains(" as " + Rig.INTRUDER_IDENTITY + " "));
      await("the controller stays connected beside it").during(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(40))
          .until(() -> intruder.isAlive() && births(rig, attack) == 0 && rig.events(attack, TAKEN_OVER).isEmpty());
    } finally {
      intruder.stop();
    }

    assertThat(rig.brokerLog().substring(logFrom)).doesNotContain(" as " + controllerCn + " ");
    assertThat(stranger.exit()).as("no certificate: " + stranger.output()).isNotZero();
    assertThat(rig.metrics().meter("lunarbase_link_takeovers_total")).isZero();
    assertThat(rig.metrics().meter("lunarbase_link_reconnects_total")).isEqualTo(reconnects);
    assertThat(rig.timeline().since(attack, StateSeen.class, s -> !s.retained())).as("no death, no new birth").isEmpty();
    afterAttack(rig, "3 takeover");
    rig.figure("mosquitto_sub -i " + controllerCn + " with " + Rig.INTRUDER_IDENTITY + "'s certificate",
        "connected as " + Rig.INTRUDER_IDENTITY + " (use_username_as_clientid); the controller: 0 disconnections,"
            + " 0 takeovers, 0 reconnects in 10 s");
    rig.figure("the same without a certificate", "exit " + stranger.exit() + " (" + stranger.output().strip() + ")");
  }

  // ---- 4. forged birth, schema, telemetry, events and acks

  @Test
  void openBrokerForgedSchemaAndAcksAreRefusedByLunarctlAndARebirthRestoresAForgedBirth() throws Exception {
    Rig rig = scenario.start(open().withLinkProxy().with("--lunarbase.link.keepalive=10s"));
    String root = rig.root();
    byte[] forgedSchema = Forgery.schemaSwappingPackVoltageAndCurrent();
    String forgedHash = Forgery.sha256(forgedSchema);
    try (Attacker attacker = Attacker.connect(rig, "forger")) {
      attacker.subscribe(root + "/#");
      ControllerState birth = ControllerState.parseFrom(attacker.await("the retained birth", r -> r.topic()
          .equals(root + "/state") && r.retained(), Rig.TIMEOUT).payload());
      TelemetryFrame bank = TelemetryFrame.parseFrom(attacker.await("a bank frame", r -> r.topic().equals(root
          + "/tlm/bank"), Rig.TIMEOUT).payload());

      // a forged schema over the true one: lunarctl names the mismatch in one line and decodes nothing
      attacker.publish(root + "/schema", forgedSchema, true);
      LunarctlRun fooledNot = lunarctl(rig, "watch", root + "/tlm/bank", "--count", "3", "--timeout", "30s");
      String mismatch = "lunarctl: hil/rig-1: schema on " + root + "/schema does not match the birth's hash (sha256 "
          + forgedHash.substring(0, 12) + " vs " + Schema.hash().substring(0, 12) + "): not decoding its messages";
      assertThat(fooledNot.exit()).as(fooledNot.err()).isEqualTo(Lunarctl.EXIT_OK);
      assertThat(fooledNot.err().lines().filter(l -> l.contains("schema"))).containsExactly(mismatch);
      assertThat(fooledNot.lines()).hasSize(3).allSatisfy(l -> assertThat(l)
          .endsWith("undecodable (" + l.replaceAll(".*\\((\\d+) bytes\\).*", "$1")
              + " bytes): not decoded: its schema is not the one its birth names (see stderr)"));
      attacker.record("forged schema retained over the true one", "lunarctl watch: one stderr line, nothing decoded");

      // forged acks ahead of the controller's answer (its link held back): FORGED and unauthenticated, ignored
      rig.linkProxy().freeze();
      LunarctlRun.Running running;
      try {
        running = LunarctlRun.start(sendArgs(rig, Rig.OPERATOR_KEY, "core.NOOP"));
        CommandBody body = CommandBody.parseFrom(SignedCommand.parseFrom(attacker.await("lunarctl's command", r -> r
            .topic().equals(root + "/cmd"), Rig.TIMEOUT).payload()).getBody());
        attacker.publish(root + "/ack", Forgery.completedAck(body.getRequestId(), Rig.OPERATOR_KEY, body.getCounter(),
            body.getCommand(), Rig.SITE, rig.options().controller()).toByteArray(), false);
        attacker.publish(root + "/ack", Forgery.badMacRefusal(Rig.OPERATOR_KEY).toByteArray(), false);
        await("lunarctl noted both").atMost(Rig.TIMEOUT)
            .until(() -> running.errSoFar().contains("FORGED") && running.errSoFar().contains("unauthenticated"));
      } finally {
        rig.linkProxy().thaw();
      }
      LunarctlRun answered = running.finish(Duration.ofSeconds(60));
      assertThat(answered.exit()).as(answered.err()).isEqualTo(Lunarctl.EXIT_OK);
      assertThat(answered.lines()).first().isEqualTo("ACCEPTED");
      assertThat(answered.lines()).last().asString().startsWith("COMPLETED");
      assertThat(answered.err()).containsPattern("lunarctl: FORGED ack for request \\d+ \\(COMPLETED\\): its MAC does not"
          + " verify under dev-operator[^\n]*; ignored\n").contains("lunarctl: unauthenticated REJECTED REASON_BAD_MAC naming key"
          + " dev-operator: it has no MAC, so anybody may have sent it; not taken as the answer, still waiting\n");
      attacker.record("forged COMPLETED and BAD_MAC acks for lunarctl's NOOP ahead of the answer",
          "lunarctl: FORGED / unauthenticated noted, ignored; printed the controller's ACCEPTED, COMPLETED");

      // a forged birth naming the forged schema: an open broker cannot stop it; a rebirth restores both
      Mark forgedBirth = rig.mark();
      attacker.publish(root + "/state", Forgery.birthNaming(birth, forgedHash).toByteArray(), true);
      attacker.publish(root + "/evt", Forgery.falseAlarm(bank).toByteArray(), false);
      LunarctlRun fooled = lunarctl(rig, "watch", root + "/tlm/bank", "--count", "2", "--timeout", "30s");
      assertThat(fooled.exit()).as(fooled.err()).isEqualTo(Lunarctl.EXIT_OK);
      assertThat(fooled.err()).doesNotContain("does not match");
      assertThat(fooled.lines()).hasSize(2).allSatisfy(l -> assertThat(l).contains(" tlm/bank #")
          .doesNotContain("undecodable"));
      rig.awaitEvent(forgedBirth, EventMatch.named("BANK_PROTECTION_TRIPPED"), e -> true, Rig.TIMEOUT);
      attacker.record("forged birth naming a forged schema, and a false BANK_PROTECTION_TRIPPED event",
          "taken by every client: births, telemetry and events are not signed (only the site broker's ACL stops them)");
      Mark rebirth = rig.mark();
      LunarctlRun asked = lunarctl(rig, "rebirth", "hil/" + rig.options().controller(), "--reason", "forged birth");
      assertThat(asked.exit()).as(asked.err()).isEqualTo(Lunarctl.EXIT_OK);
      rig.awaitState(rebirth, s -> s.getSchemaHash().equals(Schema.hash()), "the true birth again", Rig.TIMEOUT);
      LunarctlRun restored = lunarctl(rig, "watch", root + "/tlm/bank", "--count", "2", "--timeout", "30s");
      assertThat(restored.exit()).as(restored.err()).isEqualTo(Lunarctl.EXIT_OK);
      assertThat(restored.err()).doesNotContain("does not match");
      assertThat(restored.lines()).hasSize(2).allSatisfy(l -> assertThat(l).contains(" tlm/bank #"));
      attacker.record("lunarctl rebirth", "the controller's true birth and schema retained again");

      afterAttack(rig, "4 forgeries");
      rig.figure("forged schema", "lunarctl: \"" + mismatch + "\"; 3 of 3 frames undecodable");
      rig.figure("forged acks", "lunarctl noted FORGED (COMPLETED, MAC under a guessed secret) and unauthenticated"
          + " (BAD_MAC, no MAC), printed ACCEPTED, COMPLETED of the controller");
      rig.figure("forged birth naming the forged schema", "decoded with the forged schema (not signed) until"
          + " lunarctl rebirth; the site broker's ACL is what stops it");
      attacker.attempts().forEach(a -> rig.note(a.what() + ": " + a.outcome()));
    }
  }

  @Test
  void siteBrokerEveryForgeryIsRefusedByTheAclAndTheRetainedBirthAndSchemaStay() throws Exception {
    Rig rig = scenario.start(site());
    MosquittoClients tools = new MosquittoClients(work);
    String root = rig.root();
    byte[] birthBytes;
    byte[] schemaBytes;
    List<String> refused = new ArrayList<>();
    try (Attacker attacker = Attacker.connect(rig, "forger")) {
      assertThat(attacker.subscribe(root + "/#")).as("observers read everything").isEqualTo(1);
      birthBytes = attacker.await("the retained birth", r -> r.topic().equals(root + "/state") && r.retained(),
          Rig.TIMEOUT).payload();
      schemaBytes = attacker.await("the retained schema", r -> r.topic().equals(root + "/schema") && r.retained(),
          Rig.TIMEOUT).payload();
      ControllerState birth = ControllerState.parseFrom(birthBytes);
      TelemetryFrame bank = TelemetryFrame.parseFrom(attacker.await("a bank frame", r -> r.topic().equals(root
          + "/tlm/bank"), Rig.TIMEOUT).payload());
      byte[] forgedSchema = Forgery.schemaSwappingPackVoltageAndCurrent();

      List<Object[]> forgeries = List.of(
          new Object[] {"state", Forgery.birthNaming(birth, Forgery.sha256(forgedSchema)).toByteArray(), true},
          new Object[] {"schema", forgedSchema, true},
          new Object[] {"tlm/bank", Forgery.emptyPack(bank).toByteArray(), false},
          new Object[] {"evt", Forgery.falseAlarm(bank).toByteArray(), false},
          new Object[] {"ack", Forgery.badMacRefusal(Rig.OPERATOR_KEY).toByteArray(), false});
      for (Object[] f : forgeries) {
        int code = attacker.publish(root + "/" + f[0], (byte[]) f[1], (Boolean) f[2]);
        assertThat(code).as("forged " + f[0]).isEqualTo(Attacker.NOT_AUTHORIZED);
        refused.add(f[0] + ": " + Attacker.reason(code));
      }

      // lunarctl's command as the observer reads it, and a forged answer it cannot publish
      LunarctlRun.Running running = LunarctlRun.start(sendArgs(rig, Rig.OPERATOR_KEY, "core.NOOP"));
      CommandBody body = CommandBody.parseFrom(SignedCommand.parseFrom(attacker.await("lunarctl's command", r -> r
          .topic().equals(root + "/cmd"), Rig.TIMEOUT).payload()).getBody());
      int ack = attacker.publish(root + "/ack", Forgery.completedAck(body.getRequestId(), Rig.OPERATOR_KEY,
          body.getCounter(), body.getCommand(), Rig.SITE, rig.options().controller()).toByteArray(), false);
      LunarctlRun answered = running.finish(Duration.ofSeconds(60));
      assertThat(ack).isEqualTo(Attacker.NOT_AUTHORIZED);
      assertThat(answered.exit()).as(answered.err()).isEqualTo(Lunarctl.EXIT_OK);
      assertThat(answered.err()).doesNotContain("FORGED").doesNotContain("unauthenticated");
      refused.add("ack for lunarctl's NOOP (read on cmd): " + Attacker.reason(ack));
    }

    // read back with a fresh subscription: the controller's own birth and schema
    try (Attacker reader = Attacker.connect(rig, "reader")) {
      reader.subscribe(root + "/state");
      reader.subscribe(root + "/schema");
      byte[] state = reader.await("the retained birth", r -> r.topic().equals(root + "/state"), Rig.TIMEOUT).payload();
      byte[] schema = reader.await("the retained schema", r -> r.topic().equals(root + "/schema"), Rig.TIMEOUT).payload();
      assertThat(state).as("retained birth unchanged").isEqualTo(birthBytes);
      assertThat(schema).as("retained schema unchanged").isEqualTo(schemaBytes);
      assertThat(Forgery.sha256(schema)).isEqualTo(Schema.hash());
    }
    assertThat(rig.timeline().since(Mark.BEGINNING, EventSeen.class, e -> e.event().getName()
        .equals("BANK_PROTECTION_TRIPPED"))).as("no forged event reached anybody").isEmpty();
    LunarctlRun watch = lunarctl(rig, "watch", root + "/tlm/bank", "--count", "2", "--timeout", "30s");
    assertThat(watch.exit()).as(watch.err()).isEqualTo(Lunarctl.EXIT_OK);
    assertThat(watch.err()).doesNotContain("does not match");
    assertThat(watch.lines()).hasSize(2).allSatisfy(l -> assertThat(l).contains(" tlm/bank #"));

    // nobody without a site certificate gets in at all
    MosquittoClients.Result stranger = tools.pub(publish(rig, Optional.of(rig.site().orElseThrow().trustOnly()), "state",
        "-m", "forged", "-r"), Duration.ofMinutes(1));
    MosquittoClients.Result plain = tools.pub(Stream.concat(MosquittoClients.connection(
        rig.brokerUrl().replace("ssl://", "tcp://"), Optional.empty()).stream(),
        Stream.of("-t", root + "/state", "-m", "forged", "-r")).toList(), Duration.ofMinutes(1));
    assertThat(stranger.exit()).as(stranger.output()).isNotZero();
    assertThat(plain.exit()).as(plain.output()).isNotZero();
    assertThatThrownBy(() -> Attacker.connect(rig.brokerUrl(), Optional.of(rig.site().orElseThrow().trustOnly()),
        "stranger", rig.timeline())).isInstanceOf(IllegalStateException.class);

    afterAttack(rig, "4 forgeries");
    rig.figure("forgeries published as observer " + Rig.INTRUDER_IDENTITY, String.join("; ", refused));
    rig.figure("retained birth and schema read back", "byte for byte the controller's (schema " + Schema.hash()
        .substring(0, 12) + ")");
    rig.figure("no certificate (CA only) / plain MQTT", "exit " + stranger.exit() + " / exit " + plain.exit()
        + ": refused at the TLS handshake");
  }

  // ---- after each attack

  /**
   * An operator's NOOP and range safety's rail.SAFE, each within {@link #PROMPT} from publish to
   * COMPLETED, then the same two with lunarctl, which must print the controller's own answers.
   * Returns the two lunarctl runs (NOOP, rail.SAFE).
   */
  private List<LunarctlRun> afterAttack(Rig rig, String attack) {
    Rig.CommandResult noop = rig.sendAndAwaitAck("core.NOOP", Args.none(), Status.STATUS_COMPLETED);
    Rig.CommandResult safe = rig.sendAndAwaitAck(RANGE_SAFETY, "rail.SAFE", Args.none(), Status.STATUS_COMPLETED);
    long start = System.nanoTime();
    LunarctlRun lunarctlNoop = LunarctlRun.of(sendArgs(rig, Rig.OPERATOR_KEY, "core.NOOP"));
    double noopWall = (System.nanoTime() - start) / 1e9;
    start = System.nanoTime();
    LunarctlRun lunarctlSafe = LunarctlRun.of(sendArgs(rig, RANGE_SAFETY, "rail.SAFE"));
    double safeWall = (System.nanoTime() - start) / 1e9;

    rig.figure(attack + ": core.NOOP publish -> COMPLETED", seconds(noop.took()));
    rig.figure(attack + ": rail.SAFE (range safety) publish -> COMPLETED", seconds(safe.took()));
    rig.figure(attack + ": lunarctl send core.NOOP / rail.SAFE (whole run)", "%.2f s / %.2f s, exit %d / %d"
        .formatted(noopWall, safeWall, lunarctlNoop.exit(), lunarctlSafe.exit()));
    assertThat(noop.took()).as("NOOP after attack " + attack).isLessThan(PROMPT);
    assertThat(safe.took()).as("rail.SAFE after attack " + attack).isLessThan(PROMPT);
    for (LunarctlRun run : List.of(lunarctlNoop, lunarctlSafe)) {
      assertThat(run.exit()).as(run.err()).isEqualTo(Lunarctl.EXIT_OK);
      assertThat(run.lines()).as(run.err()).hasSize(2);
      assertThat(run.lines().getFirst()).isEqualTo("ACCEPTED");
      assertThat(run.lines().getLast()).startsWith("COMPLETED");
    }
    return List.of(lunarctlNoop, lunarctlSafe);
  }

  // ---- helpers

  private static RigOptions open() {
    return RigOptions.defaults().bankSamplePeriod("1s").with("--lunarbase.link.health-period=1s");
  }

  private static RigOptions site() {
    return open().withSecureBroker();
  }

  private static TlsFiles intruder(Rig rig) {
    return rig.site().orElseThrow().tls(Rig.INTRUDER_IDENTITY);
  }

  /** Range safety's rail.SAFE as the attacker reads it on cmd, with one MAC byte flipped. */
  private static SignedCommand captureAndFlip(Rig rig, Attacker attacker) {
    assertThat(attacker.subscribe(rig.root() + "/cmd")).as("subscribing to cmd").isEqualTo(1);
    Rig.CommandResult safe = rig.sendAndAwaitAck(RANGE_SAFETY, "rail.SAFE", Args.none(), Status.STATUS_COMPLETED);
    byte[] captured = attacker.await("range safety's rail.SAFE on cmd", r -> r.topic().endsWith("/cmd")
        && requestId(r.payload()) == safe.requestId(), Rig.TIMEOUT).payload();
    try {
      SignedCommand command = SignedCommand.parseFrom(captured);
      assertThat(command.getKeyId()).isEqualTo(RANGE_SAFETY);
      return Forgery.macFlipped(command, 7);
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new AssertionError("not a SignedCommand on cmd", e);
    }
  }

  private static long requestId(byte[] payload) {
    try {
      return CommandBody.parseFrom(SignedCommand.parseFrom(payload).getBody()).getRequestId();
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      return -1;
    }
  }

  private static double receivedCommands(Rig rig) {
    return rig.metrics().meter("lunarbase_commands_total", "status=\"received\"");
  }

  private static double rejected(Rig rig, String reason) {
    return rig.metrics().meter("lunarbase_commands_rejected_total", "reason=\"" + reason + "\"");
  }

  /** Births (ONLINE, not the retained copy) since {@code since}: one per connection of the controller. */
  private static long births(Rig rig, Mark since) {
    return rig.timeline().since(since, StateSeen.class, s -> !s.retained()
        && s.state().getStatus() == ControllerState.Status.STATUS_ONLINE).size();
  }

  /** A file of {@code bytes} zeros that takes no disk space. */
  private Path sparse(String name, long bytes) throws IOException {
    Path file = work.resolve(name);
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(bytes);
    }
    assertThat(Files.size(file)).isEqualTo(bytes);
    return file;
  }

  /** mosquitto_pub options for the rig's broker and the controller's {@code topic}, QoS 1. */
  private static List<String> publish(Rig rig, Optional<TlsFiles> tls, String topic, String... more) {
    List<String> args = new ArrayList<>(MosquittoClients.connection(rig.brokerUrl(), tls));
    args.addAll(List.of("-q", "1", "-t", rig.root() + "/" + topic));
    args.addAll(Arrays.asList(more));
    return args;
  }

  private LunarctlRun lunarctl(Rig rig, String... args) {
    return LunarctlRun.of(withBroker(rig, args));
  }

  private String[] sendArgs(Rig rig, String key, String command) {
    return withBroker(rig, "send", "hil/" + rig.options().controller(), command, "--key-file",
        FirmwareProcess.projectRoot().resolve("deploy/keys/dev-keys.yml").toString(), "--key", key,
        "--state-dir", work.resolve("lunarctl").toString(), "--timeout", "30s");
  }

  /** {@code args} with the rig's broker, and on a secure rig the console's certificate. */
  private static String[] withBroker(Rig rig, String... args) {
    List<String> all = new ArrayList<>(Arrays.asList(args));
    all.addAll(List.of("--broker", rig.brokerUrl()));
    rig.site().ifPresent(site -> {
      SiteFolder.Bundle console = site.bundle(Rig.CONSOLE_IDENTITY);
      all.addAll(List.of("--ca", console.caFile().toString(), "--cert", console.certificateFile().toString(),
          "--cert-key", console.keyFile().toString()));
    });
    return all.toArray(String[]::new);
  }

  private static String noted(LunarctlRun run) {
    List<String> notes = run.err().lines().filter(l -> l.contains("unauthenticated") || l.contains("FORGED")).toList();
    return notes.isEmpty() ? "nothing (no flood answer arrived while it waited)" : String.join(" | ", notes);
  }

  private static String seconds(Duration d) {
    return "%.3f s".formatted(d.toNanos() / 1e9);
  }

  /** The flood: 40 copies at once, then 10 a second, until stopped; counts the broker's answers. */
  private record Flood(ScheduledExecutorService timer, AtomicInteger sentCount, AtomicInteger[] answers) {

    static Flood start(Attacker attacker, String topic, byte[] payload) {
      AtomicInteger[] answers = {new AtomicInteger(), new AtomicInteger(), new AtomicInteger()};
      AtomicInteger sent = new AtomicInteger();
      for (int i = 0; i < 40; i++) {
        sent.incrementAndGet();
        attacker.publishAsync(topic, payload, answers);
      }
      ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
          .name("flood").factory());
      timer.scheduleAtFixedRate(() -> {
        sent.incrementAndGet();
        attacker.publishAsync(topic, payload, answers);
      }, 100, 100, TimeUnit.MILLISECONDS);
      attacker.record("flood of MAC-flipped copies on " + topic, "started: 40 at once, then 10/s");
      return new Flood(timer, sent, answers);
    }

    void stop() {
      timer.shutdownNow();
      try {
        timer.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      await("the broker answered every copy").atMost(Rig.TIMEOUT).until(() -> answered() >= sent());
    }

    int sent() {
      return sentCount.get();
    }

    int accepted() {
      return answers[0].get();
    }

    int refused() {
      return answers[1].get();
    }

    int failed() {
      return answers[2].get();
    }

    int answered() {
      return accepted() + refused() + failed();
    }
  }
}
