package space.lunarbase.hil.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.hil.rig.Args;
import space.lunarbase.hil.rig.Attacker;
import space.lunarbase.hil.rig.EventMatch;
import space.lunarbase.hil.rig.Forgery;
import space.lunarbase.hil.rig.MosquittoClients;
import space.lunarbase.hil.rig.Observation.AckSeen;
import space.lunarbase.hil.rig.Observation.CommandSent;
import space.lunarbase.hil.rig.Observation.StateSeen;
import space.lunarbase.hil.rig.Rig;
import space.lunarbase.hil.rig.RigOptions;
import space.lunarbase.hil.rig.Scenario;
import space.lunarbase.hil.rig.Timeline.Mark;
import space.lunarbase.proto.Schema;
import space.lunarbase.proto.v1.CommandAck.Status;
import space.lunarbase.proto.v1.CommandBody;
import space.lunarbase.proto.v1.ControllerState;
import space.lunarbase.proto.v1.Event;
import space.lunarbase.proto.v1.RailTelemetry.Sequence;
import space.lunarbase.proto.v1.SignedCommand;
import space.lunarbase.proto.v1.TelemetryFrame;

/**
 * Scenario 9: an attacker holding a valid observer certificate of the site ({@value Rig#INTRUDER_IDENTITY})
 * tries every known attack for {@link #ATTACK} on the site broker, while an operator charges the bank
 * and range safety makes the rail safe around an ARM: it connects asking for the controller's client
 * id, subscribes to everything, publishes a 150 MiB message ({@code mosquitto_pub -f}), floods
 * MAC-flipped copies of range safety's command under its key id, forges the retained birth and
 * schema, telemetry, events, acks (for the commands it reads), the link's probe and a rebirth request,
 * replays every command it read, and runs {@code mosquitto_sub} with the controller's client id. One
 * certificate is one connection at a time, so it does so in rounds. Range safety checks in with a
 * NOOP, and its {@code rail.SAFE} after the ARM holds the rail SAFE (docs/authority.md). Nothing of it takes effect: every
 * legitimate command completes, the controller receives exactly the legitimate commands, keeps its
 * connection, its retained birth and schema, and changes mode only as commanded.
 */
class ObserverAttackScenarioTest {

  static final Duration ATTACK = Duration.ofSeconds(60);
  static final String RANGE_SAFETY = "dev-range-safety";
  static final Duration PROMPT = Duration.ofSeconds(2);

  @RegisterExtension
  final Scenario scenario = Scenario.of("9", "An observer attacks the site for a minute",
      "With a valid observer certificate: oversize publish, MAC-flipped flood under range safety's key id, client-id"
          + " takeover, forged birth/schema/telemetry/events/acks, replays of the commands it reads; meanwhile the bank"
          + " charges and the rail is armed and made safe. Nothing of the attacker's takes effect.");

  @TempDir
  Path work;

  @Test
  void nothingAnObserverTriesForAMinuteTakesEffectWhileTheBankChargesAndTheRailIsArmedAndSafed() throws Exception {
    Rig rig = scenario.start(RigOptions.defaults().withSecureBroker().clockRate(10).bankSamplePeriod("1s").with(
        "--lunarbase.parameters.bank.balance-band-v=0.2", "--lunarbase.parameters.rail.arm-settle-s=2"));
    Mark start = rig.mark();
    double receivedBefore = rig.metrics().meter("lunarbase_commands_total", "status=\"received\"");
    Campaign campaign = new Campaign(rig, work);
    CompletableFuture<Void> attack = CompletableFuture.runAsync(campaign::run);
    try {
      underAttack(rig, start, receivedBefore, campaign, attack);
    } finally {
      campaign.stop();
    }
  }

  private static void underAttack(Rig rig, Mark start, double receivedBefore, Campaign campaign,
      CompletableFuture<Void> attack) throws Exception {
    String root = rig.root();

    // the legitimate work, under attack
    List<Rig.CommandResult> legitimate = new ArrayList<>();
    legitimate.add(rig.sendAndAwaitAck(RANGE_SAFETY, "core.NOOP", Args.none(), Status.STATUS_COMPLETED));
    legitimate.add(rig.sendAndAwaitAck("core.SET_MODE", Args.of("subsystem", "bank", "mode", "NOMINAL"),
        Status.STATUS_COMPLETED));
    legitimate.add(rig.sendAndAwaitAck("bank.CHARGE", Args.of("cell_volts", 2.4, "amps", 90.0), Status.STATUS_COMPLETED));
    long chargeStart = System.nanoTime();
    rig.awaitTelemetry(start, "bank", f -> f.getBank().getReady(), Duration.ofSeconds(60));
    double chargeWall = (System.nanoTime() - chargeStart) / 1e9;
    rig.setClockRate(1);
    legitimate.add(rig.sendAndAwaitAck("core.SET_MODE", Args.of("subsystem", "rail", "mode", "NOMINAL"),
        Status.STATUS_COMPLETED));
    legitimate.add(rig.sendAndAwaitAck("rail.PLAN_SHOT", Args.of("payload_id", "sat-0008", "mass_kg", 10.0,
        "exit_speed_mps", 70.0), Status.STATUS_COMPLETED));
    Mark arming = rig.mark();
    legitimate.add(rig.sendAndAwaitAck("rail.ARM", Args.none(), Status.STATUS_COMPLETED));
    rig.awaitEvent(arming, EventMatch.named("RAIL_STATE_CHANGED"), e -> "ARMED".equals(e.getArgsMap().get("to")),
        Rig.TIMEOUT);
    legitimate.add(rig.sendAndAwaitAck(RANGE_SAFETY, "rail.SAFE", Args.none(), Status.STATUS_COMPLETED));
    rig.awaitTelemetry(arming, "rail", f -> f.getRail().getSequence() == Sequence.SEQUENCE_SAFE
        && !f.getRail().getArmOutput() && !f.getRail().getFirePermitOutput(), Rig.TIMEOUT);
    double legitimateDone = rig.timeline().nowNanos() / 1e9;

    attack.get(ATTACK.plusMinutes(2).toSeconds(), TimeUnit.SECONDS);
    Rig.CommandResult noop = rig.sendAndAwaitAck("core.NOOP", Args.none(), Status.STATUS_COMPLETED);
    Rig.CommandResult safe = rig.sendAndAwaitAck(RANGE_SAFETY, "rail.SAFE", Args.none(), Status.STATUS_COMPLETED);
    legitimate.add(noop);
    legitimate.add(safe);

    // nothing of the attacker's took effect
    List<Attacker.Attempt> attempts = campaign.attempts();
    assertThat(attempts).as("every attempt").isNotEmpty().allSatisfy(a -> assertThat(a.outcome())
        .startsWith("refused").as(a.what()));
    long commandsSent = rig.timeline().since(start, CommandSent.class, c -> true).size();
    assertThat(rig.metrics().meter("lunarbase_commands_total", "status=\"received\"") - receivedBefore)
        .as("the controller received exactly the legitimate commands").isEqualTo(commandsSent);
    assertThat(rig.metrics().meter("lunarbase_link_inbound_dropped_total", "reason=\"oversize\"")).isZero();
    assertThat(rig.metrics().meter("lunarbase_link_inbound_dropped_total", "reason=\"retained\"")).isZero();
    assertThat(rig.metrics().meter("lunarbase_link_takeovers_total")).isZero();
    assertThat(rig.metrics().meter("lunarbase_link_reconnects_total")).isZero();
    assertThat(rig.timeline().since(start, StateSeen.class, s -> !s.retained())).as("no death, no new birth").isEmpty();
    for (String name : List.of("COMMAND_REJECTED", "COMMAND_FAILED", "PARAMETER_CHANGED", "LINK_INBOUND_DROPPED",
        "LINK_CLIENT_ID_TAKEN_OVER", "BANK_PROTECTION_TRIPPED", "SAFING")) {
      rig.assertNoEvent(EventMatch.named(name), start);
    }
    List<Event> modeChanges = rig.events(start, EventMatch.named("MODE_CHANGED"));
    assertThat(modeChanges).as("modes changed only as commanded").extracting(e -> e.getArgsMap().get("subsystem") + " "
        + e.getArgsMap().get("to")).containsExactly("bank NOMINAL", "rail NOMINAL", "rail SAFE");
    assertThat(rig.timeline().since(start, AckSeen.class, a -> true)).as("every ack is the controller's answer to a"
        + " legitimate command").allSatisfy(a -> assertThat(a.ack().getMac().size()).isEqualTo(32))
        .allSatisfy(a -> assertThat(legitimate.stream().anyMatch(l -> l.requestId() == a.ack().getRequestId())).isTrue());
    assertThat(campaign.received()).as("the attacker read only what an observer may").allSatisfy(r ->
        assertThat(r.topic()).startsWith("lunarbase/v1/"));
    assertThat(campaign.readBack()).as("retained birth and schema, read back after the attack")
        .containsExactlyEntriesOf(campaign.original());
    assertThat(Forgery.sha256(campaign.original().get(root + "/schema").getBytes(java.nio.charset.StandardCharsets
        .ISO_8859_1))).isEqualTo(Schema.hash());
    JsonNode plant = rig.plantTruth();
    assertThat(plant.path("rail").path("frontEndArmed").asBoolean()).as("front-end disarmed").isFalse();
    TelemetryFrame bank = rig.awaitTelemetry("bank", f -> true, Rig.TIMEOUT);
    assertThat(bank.getBank().getReady()).as("the bank still READY, as charged").isTrue();
    assertThat(noop.took()).as("NOOP after the attack").isLessThan(PROMPT);
    assertThat(safe.took()).as("rail.SAFE after the attack").isLessThan(PROMPT);

    // the report
    Map<String, List<Attacker.Attempt>> byKind = attempts.stream().collect(Collectors.groupingBy(
        Attacker.Attempt::what, LinkedHashMap::new, Collectors.toList()));
    byKind.forEach((what, list) -> rig.figure("attack: " + what, list.size() + "x, " + list.stream()
        .map(Attacker.Attempt::outcome).distinct().collect(Collectors.joining("; "))));
    rig.figure("attack rounds in " + ATTACK.toSeconds() + " s", Integer.toString(campaign.rounds()));
    rig.figure("flood copies published (all refused by the broker)", Integer.toString(campaign.floodCopies()));
    rig.figure("messages the attacker read (observers read everything below lunarbase/v1/, cmd included)",
        Integer.toString(campaign.received().size()));
    rig.figure("legitimate commands, each COMPLETED (publish -> COMPLETED)", legitimate.stream()
        .map(l -> l.command() + " %.3f s".formatted(l.took().toNanos() / 1e9)).collect(Collectors.joining(", ")));
    rig.figure("commands received by the controller", "%d: the legitimate ones, none of the attacker's".formatted(
        commandsSent));
    rig.figure("bank READY (2.4 V a cell, 90 A, 10x)", "%.1f s real".formatted(chargeWall));
    rig.figure("legitimate work done after", "%.1f s of the rig's run".formatted(legitimateDone));
    rig.figure("after the attack: NOOP / rail.SAFE publish -> COMPLETED", "%.3f s / %.3f s".formatted(
        noop.took().toNanos() / 1e9, safe.took().toNanos() / 1e9));
    rig.figure("mode changes", modeChanges.stream().map(Event::getText).collect(Collectors.joining(" | ")));
    rig.note("Outcomes: 'refused by the broker' is the site broker's answer (PUBACK/SUBACK 0x87 from the ACL, the"
        + " disconnection of a packet over max_packet_size, the CN taken as client id). Nothing reached the"
        + " controller, so its own layers (the link's size and retain drops, the MAC and counter checks, lunarctl's"
        + " FORGED notes) had nothing to do here: SiteAttackTest shows them on an open broker.");
    rig.note("Observers read everything below lunarbase/v1/, commands included, by design: the commands they read"
        + " are signed, expire and carry a counter, so a replay is refused even where it can be published.");
  }

  /** The attacker's minute, in rounds: one certificate is one connection at a time. */
  private static final class Campaign {

    private final Rig rig;
    private final Path work;
    private final String root;
    private final String controllerCn;
    private final MosquittoClients tools;
    private final List<Attacker.Attempt> attempts = new ArrayList<>();
    private final List<Attacker.Received> received = new ArrayList<>();
    private final Map<String, String> original = new LinkedHashMap<>();
    private final Map<String, String> readBack = new LinkedHashMap<>();
    private final List<SignedCommand> captured = new ArrayList<>();
    private int rounds;
    private int floodCopies;
    private volatile long end;

    Campaign(Rig rig, Path work) {
      this.rig = rig;
      this.work = work;
      this.root = rig.root();
      this.controllerCn = Rig.SITE + "." + rig.options().controller();
      this.tools = new MosquittoClients(work);
      this.end = System.nanoTime() + ATTACK.toNanos();
    }

    void run() {
      try {
        Path huge = work.resolve("150MB.bin");
        try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
          file.setLength(150L * 1024 * 1024);
        }
        while (System.nanoTime() < end) {
          rounds++;
          spyRound();
          oversize(huge);
          takeoverWithTheTool();
        }
        try (Attacker reader = Attacker.connect(rig, "reader")) {
          reader.subscribe(root + "/state");
          reader.subscribe(root + "/schema");
          for (String topic : List.of(root + "/state", root + "/schema")) {
            readBack.put(topic, latin1(reader.await("retained " + topic, r -> r.topic().equals(topic) && r.retained(),
                Rig.TIMEOUT).payload()));
          }
        }
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    /** One connection (asking for the controller's client id): subscriptions, forgeries, replays, a flood. */
    private void spyRound() {
      try (Attacker spy = Attacker.connect(rig, controllerCn)) {
        attempt(spy, "connect asking for the controller's client id " + controllerCn,
            spy.isConnected() && rig.metrics().meter("lunarbase_link_takeovers_total") == 0
                ? "refused by the broker: connected as " + Rig.INTRUDER_IDENTITY + " (the CN is the client id); the"
                    + " controller kept its connection"
                : "TOOK EFFECT: the controller lost its connection");
        subscribe(spy, "#");
        subscribe(spy, "$SYS/#");
        subscribe(spy, "lunarbase/probe/" + controllerCn);
        int all = spy.subscribe("lunarbase/v1/#");
        assertThat(all).as("an observer reads lunarbase/v1/#").isEqualTo(1);
        byte[] birthBytes = spy.await("the retained birth", r -> r.topic().equals(root + "/state") && r.retained(),
            Rig.TIMEOUT).payload();
        byte[] schema = spy.await("the retained schema", r -> r.topic().equals(root + "/schema") && r.retained(),
            Rig.TIMEOUT).payload();
        ControllerState birth = ControllerState.parseFrom(birthBytes);
        original.putIfAbsent(root + "/state", latin1(birthBytes));
        original.putIfAbsent(root + "/schema", latin1(schema));
        TelemetryFrame bank = TelemetryFrame.parseFrom(spy.await("a bank frame", r -> r.topic().equals(root
            + "/tlm/bank"), Rig.TIMEOUT).payload());
        byte[] forgedSchema = Forgery.schemaSwappingPackVoltageAndCurrent();

        publish(spy, "forged birth naming a forged schema (retained)", "state",
            Forgery.birthNaming(birth, Forgery.sha256(forgedSchema)).toByteArray(), true);
        publish(spy, "forged death (retained)", "state", Forgery.death(birth).toByteArray(), true);
        publish(spy, "forged schema (retained)", "schema", forgedSchema, true);
        publish(spy, "forged bank frame (empty pack)", "tlm/bank", Forgery.emptyPack(bank).toByteArray(), false);
        publish(spy, "forged event BANK_PROTECTION_TRIPPED", "evt", Forgery.falseAlarm(bank).toByteArray(), false);
        publish(spy, "a rebirth request", "rebirth", new byte[0], false);
        attempt(spy, "forged probe on lunarbase/probe/" + controllerCn + " (to fake a live receive path)",
            Attacker.reason(spy.publish("lunarbase/probe/" + controllerCn, new byte[8], false)));

        // what it read on cmd: forged answers, replays, and the flood under range safety's key id; until it has
        // read a command, it listens on cmd for one (at most 15 s)
        if (captured.isEmpty()) {
          long listen = Math.min(end, System.nanoTime() + Duration.ofSeconds(15).toNanos());
          await("a command on cmd, or the end of listening").atMost(Duration.ofSeconds(20))
              .pollInterval(Duration.ofMillis(20)).until(() -> System.nanoTime() >= listen || spy.received().stream()
                  .anyMatch(r -> r.topic().equals(root + "/cmd")));
        }
        List<SignedCommand> read = commandsRead(spy);
        for (SignedCommand command : read) {
          CommandBody body = body(command);
          publish(spy, "forged COMPLETED ack for a command it read", "ack", Forgery.completedAck(body.getRequestId(),
              command.getKeyId(), body.getCounter(), body.getCommand(), Rig.SITE, rig.options().controller())
              .toByteArray(), false);
        }
        for (SignedCommand command : captured) {
          publish(spy, "replay of a command it read", "cmd", command.toByteArray(), false);
        }
        flood(spy);
        received.addAll(spy.received());
      } catch (com.google.protobuf.InvalidProtocolBufferException e) {
        throw new AssertionError("the controller's own messages do not parse", e);
      }
    }

    /** Commands on cmd the spy read this round, added to those captured before. */
    private List<SignedCommand> commandsRead(Attacker spy) {
      List<SignedCommand> read = new ArrayList<>();
      for (Attacker.Received r : spy.received()) {
        if (r.topic().equals(root + "/cmd")) {
          try {
            read.add(SignedCommand.parseFrom(r.payload()));
          } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError("not a SignedCommand on cmd", e);
          }
        }
      }
      captured.addAll(read);
      return read;
    }

    /**
     * 40 MAC-flipped copies at once, then ten a second for a few seconds, of range safety's command
     * if it read one, else of any command it read relabelled with range safety's key id.
     */
    private void flood(Attacker spy) {
      Optional<SignedCommand> model = captured.stream().filter(c -> c.getKeyId().equals(RANGE_SAFETY)).findFirst()
          .or(() -> captured.stream().findFirst().map(c -> c.toBuilder().setKeyId(RANGE_SAFETY).build()));
      if (model.isEmpty()) {
        return;
      }
      byte[] copy = Forgery.macFlipped(model.get(), 7).toByteArray();
      AtomicInteger[] answers = {new AtomicInteger(), new AtomicInteger(), new AtomicInteger()};
      int sent = 0;
      for (int i = 0; i < 40; i++, sent++) {
        spy.publishAsync(root + "/cmd", copy, answers);
      }
      long stop = Math.min(end, System.nanoTime() + Duration.ofSeconds(4).toNanos());
      long next = System.nanoTime();
      while (System.nanoTime() < stop) {
        long due = next;
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(5)).until(() -> System.nanoTime() >= due);
        spy.publishAsync(root + "/cmd", copy, answers);
        sent++;
        next += Duration.ofMillis(100).toNanos();
      }
      int total = sent;
      await("the broker's answers to the flood").atMost(Rig.TIMEOUT)
          .until(() -> answers[0].get() + answers[1].get() + answers[2].get() >= total);
      floodCopies += total;
      attempt(spy, "flood of MAC-flipped copies under " + RANGE_SAFETY + " (40 at once, then 10/s)",
          answers[0].get() == 0 && answers[2].get() == 0
              ? "refused by the broker: 0x87 not authorized, " + answers[1].get() + " of " + total
              : "TOOK EFFECT: the broker accepted " + answers[0].get() + " of " + total);
    }

    private void oversize(Path huge) {
      int from = rig.brokerLog().length();
      MosquittoClients.Result pub = tools.pub(Stream.concat(MosquittoClients.connection(rig.brokerUrl(),
          Optional.of(rig.site().orElseThrow().tls(Rig.INTRUDER_IDENTITY))).stream(), Stream.of("-q", "1", "-t",
          root + "/cmd", "-f", huge.toString())).toList(), Duration.ofMinutes(2));
      boolean disconnected = rig.brokerLog().substring(from).contains("Client " + Rig.INTRUDER_IDENTITY
          + " disconnected due to oversize packet");
      record("mosquitto_pub -f 150 MiB on cmd", pub.exit() != 0 && disconnected
          ? "refused by the broker: disconnected due to oversize packet (mosquitto_pub exit " + pub.exit() + ")"
          : "TOOK EFFECT: exit " + pub.exit() + " " + pub.output());
    }

    private void takeoverWithTheTool() {
      int from = rig.brokerLog().length();
      double takeovers = rig.metrics().meter("lunarbase_link_takeovers_total");
      try (MosquittoClients.Running sub = tools.sub(Stream.concat(MosquittoClients.connection(rig.brokerUrl(),
          Optional.of(rig.site().orElseThrow().tls(Rig.INTRUDER_IDENTITY))).stream(), Stream.of("-i", controllerCn,
          "-t", root + "/state")).toList())) {
        await("mosquitto_sub connected").atMost(Rig.TIMEOUT)
            .until(() -> rig.brokerLog().substring(from).contains(" as " + Rig.INTRUDER_IDENTITY + " "));
        await("the controller keeps its connection beside it").during(Duration.ofSeconds(3))
            .atMost(Duration.ofSeconds(20)).until(() -> sub.isAlive()
                && rig.metrics().meter("lunarbase_link_takeovers_total") == takeovers);
      }
      boolean asController = rig.brokerLog().substring(from).contains(" as " + controllerCn + " ");
      record("mosquitto_sub -i " + controllerCn, !asController
          ? "refused by the broker: connected as " + Rig.INTRUDER_IDENTITY + "; the controller kept its connection"
          : "TOOK EFFECT: connected as " + controllerCn);
    }

    private void subscribe(Attacker spy, String filter) {
      int code = spy.subscribe(filter);
      attempt(spy, "subscribe to " + filter, code >= 0x80 ? Attacker.reason(code)
          : "refused by the broker's ACL per message: granted QoS " + code + ", but only lunarbase/v1/ is delivered");
    }

    private void publish(Attacker spy, String what, String topic, byte[] payload, boolean retained) {
      attempt(spy, what, Attacker.reason(spy.publish(root + "/" + topic, payload, retained)));
    }

    private void attempt(Attacker spy, String what, String outcome) {
      spy.record(what, outcome);
      attempts.add(new Attacker.Attempt(what, outcome));
    }

    private void record(String what, String outcome) {
      rig.timeline().add(new space.lunarbase.hil.rig.Observation.RigAction("attacker " + Rig.INTRUDER_IDENTITY + ": "
          + what + " -> " + outcome));
      attempts.add(new Attacker.Attempt(what, outcome));
    }

    private static CommandBody body(SignedCommand command) {
      try {
        return CommandBody.parseFrom(command.getBody());
      } catch (com.google.protobuf.InvalidProtocolBufferException e) {
        throw new AssertionError("a command it read has no body", e);
      }
    }

    private static String latin1(byte[] bytes) {
      return new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** Ends the attack after the round in progress (a failed test does not wait for the minute). */
    void stop() {
      end = System.nanoTime();
    }

    List<Attacker.Attempt> attempts() {
      return List.copyOf(attempts);
    }

    List<Attacker.Received> received() {
      return List.copyOf(received);
    }

    Map<String, String> original() {
      return original;
    }

    Map<String, String> readBack() {
      return readBack;
    }

    int rounds() {
      return rounds;
    }

    int floodCopies() {
      return floodCopies;
    }
  }
}
