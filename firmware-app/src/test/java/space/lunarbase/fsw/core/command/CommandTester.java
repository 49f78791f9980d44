package space.lunarbase.fsw.core.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.InvalidProtocolBufferException;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import space.lunarbase.fsw.Firmware;
import space.lunarbase.proto.v1.CommandAck;
import space.lunarbase.proto.v1.CommandAck.Reason;
import space.lunarbase.proto.v1.CommandAck.Status;
import space.lunarbase.proto.v1.ControllerState;
import space.lunarbase.proto.v1.Event;
import space.lunarbase.testkit.MqttRecorder;
import space.lunarbase.testkit.MqttRecorder.Received;
import space.lunarbase.wire.AckSignature;

/**
 * The command path's component tester, in F Prime's manner: the real firmware context on a real
 * broker; commands go in on {@code .../cmd} as signed bytes, and the tester asserts on the acks
 * ({@code .../ack}) and events ({@code .../evt}) that come out.
 */
public final class CommandTester implements AutoCloseable {

  public static final String CMD = Firmware.topic("cmd");
  public static final String ACK = Firmware.topic("ack");
  public static final String EVT = Firmware.topic("evt");
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final ApplicationContext firmware;
  private final MqttRecorder recorder;
  private final MqttClient publisher;
  private final InstantSource clock;
  private final AtomicLong counter;
  private final AtomicLong requestIds = new AtomicLong(1000);
  private final KeyRing keys;

  private CommandTester(ApplicationContext firmware, MqttRecorder recorder, MqttClient publisher, long firstCounter,
                        KeyRing keys) {
    this.firmware = firmware;
    this.recorder = recorder;
    this.publisher = publisher;
    this.clock = firmware.getBean(InstantSource.class);
    this.counter = new AtomicLong(firstCounter - 1);
    this.keys = keys;
  }

  /** Starts the firmware on {@code data} against {@code brokerUrl} and waits for its birth. */
  public static CommandTester start(Path data, String brokerUrl, Map<String, Object> overrides, long firstCounter) {
    Map<String, Object> properties = new HashMap<>(overrides);
    properties.put("lunarbase.link.broker-url", brokerUrl);
    // what the controller publishes, not cmd: a flood on cmd would land in this JVM twice
    MqttRecorder recorder = MqttRecorder.subscribe(brokerUrl, List.of(Firmware.topic("state"), Firmware.topic("schema"),
        Firmware.topic("tlm/#"), EVT, ACK));
    ApplicationContext firmware = Firmware.start(data, properties);
    recorder.awaitMatch(Firmware.topic("state"), m -> !m.retained() && online(m), WAIT);
    try {
      MqttClient publisher = new MqttClient(brokerUrl, MqttClient.generateClientId(), new MemoryPersistence());
      MqttConnectOptions options = new MqttConnectOptions();
      options.setMaxInflight(1000); // floods of QoS 1 commands must not hit Paho's default window of 10
      publisher.connect(options);
      // the tester's own copy of the secrets, as a ground tool holds them, to check the acks' MACs
      KeyRing keys = KeyRing.load(Path.of(String.valueOf(Firmware.properties(data, properties)
          .get("lunarbase.commands.key-file"))));
      return new CommandTester(firmware, recorder, publisher, firstCounter, keys);
    } catch (MqttException e) {
      firmware.close();
      recorder.close();
      throw new IllegalStateException(e);
    }
  }

  public ApplicationContext firmware() {
    return firmware;
  }

  /** A command from the operator key with the next counter and request id, expiring in a minute. */
  public TestCommand command(String name) {
    return TestCommand.of(name).counter(counter.incrementAndGet()).requestId(requestIds.incrementAndGet())
        .expires(clock.instant().plusSeconds(60));
  }

  /**
   * Sends {@code command}; returns the acks it got, up to and including the final one: those that
   * echo its request id, or (not authenticated) carry request id 0 and its key id. Acks of other
   * commands meanwhile (a sequence's entries) are left out.
   */
  public List<CommandAck> send(TestCommand command) {
    int before = acks().size();
    publish(command.signed());
    java.util.function.Predicate<CommandAck> ours = a -> a.getSequence().getSlot() == 0
        && (a.getRequestId() == command.requestId() && a.getRequestId() != 0
            || a.getRequestId() == 0 && a.getKeyId().equals(command.key().id()));
    await("final ack").atMost(WAIT).until(() -> acks().stream().skip(before).filter(ours)
        .anyMatch(CommandTester::isFinal));
    List<CommandAck> after = acks().stream().skip(before).filter(ours).toList();
    int last = 0;
    while (!isFinal(after.get(last))) {
      last++;
    }
    return signed(after.subList(0, last + 1));
  }

  /** {@code acks}, each checked as a client holding the keys checks it ({@link AckMacs}). */
  private List<CommandAck> signed(List<CommandAck> acks) {
    AckMacs.assertSigned(acks, keys, "test-site", "ctl-1");
    return List.copyOf(acks);
  }

  /** The key ring the tester signs with (its own copy of the controller's key file). */
  public KeyRing keys() {
    return keys;
  }

  /**
   * Sends {@code command} and takes as its answer only acks that echo its request id and whose MAC
   * verifies under its key, as a client must on a broker anybody can publish to: an unauthenticated
   * ack naming the same key (a refusal of somebody's forgery) is not its answer. Returns those acks,
   * up to and including the final one.
   */
  public List<CommandAck> sendVerified(TestCommand command) {
    int before = acks().size();
    publish(command.signed());
    byte[] secret = command.key().secret();
    Predicate<CommandAck> ours = a -> a.getSequence().getSlot() == 0 && a.getRequestId() == command.requestId()
        && AckSignature.verifies(a, secret, "test-site", "ctl-1");
    await("final verified ack").atMost(WAIT).until(() -> acks().stream().skip(before).filter(ours)
        .anyMatch(CommandTester::isFinal));
    List<CommandAck> after = acks().stream().skip(before).filter(ours).toList();
    int last = 0;
    while (!isFinal(after.get(last))) {
      last++;
    }
    return List.copyOf(after.subList(0, last + 1));
  }

  /** Publishes raw bytes on {@code cmd} without waiting for anything. */
  public void publish(byte[] payload) {
    try {
      publisher.publish(CMD, payload, 1, false);
    } catch (MqttException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Sends raw bytes on {@code cmd}; returns the acks that followed, up to and including the final one. */
  public List<CommandAck> sendBytes(byte[] payload) {
    int before = acks().size();
    publish(payload);
    await("final ack").atMost(WAIT).until(() -> acks().stream().skip(before).anyMatch(CommandTester::isFinal));
    List<CommandAck> after = acks().subList(before, acks().size());
    int last = 0;
    while (!isFinal(after.get(last))) {
      last++;
    }
    return signed(after.subList(0, last + 1));
  }

  /** Asserts ACCEPTED then COMPLETED; returns the COMPLETED ack. */
  public CommandAck assertCompleted(TestCommand command) {
    List<CommandAck> acks = send(command);
    assertThat(acks).extracting(CommandAck::getStatus).as(acks.toString())
        .containsExactly(Status.STATUS_ACCEPTED, Status.STATUS_COMPLETED);
    assertThat(acks).allSatisfy(a -> assertThat(a.getRequestId()).isEqualTo(command.requestId()));
    return acks.getLast();
  }

  /** Asserts one REJECTED ack with {@code reason}; returns it. */
  public CommandAck assertRejected(TestCommand command, Reason reason) {
    long before = counters().rejected(reason);
    List<CommandAck> acks = send(command);
    return assertRejection(acks, reason, before);
  }

  public CommandAck assertRejected(byte[] payload, Reason reason) {
    long before = counters().rejected(reason);
    return assertRejection(sendBytes(payload), reason, before);
  }

  private CommandAck assertRejection(List<CommandAck> acks, Reason reason, long before) {
    assertThat(acks).hasSize(1);
    CommandAck ack = acks.getFirst();
    assertThat(ack.getStatus()).as(ack.toString()).isEqualTo(Status.STATUS_REJECTED);
    assertThat(ack.getReason()).as(ack.getText()).isEqualTo(reason);
    assertThat(ack.getText()).isNotBlank();
    assertThat(counters().rejected(reason)).isEqualTo(before + 1);
    return ack;
  }

  /** Waits for an event named {@code name} matching {@code predicate}. */
  public Event awaitEvent(String name, Predicate<Event> predicate) {
    return event(recorder.awaitMatch(EVT, m -> {
      Event e = event(m);
      return e.getName().equals(name) && predicate.test(e);
    }, WAIT));
  }

  /** Every ack received so far, in arrival order. */
  public List<CommandAck> acks() {
    return recorder.on(ACK).stream().map(CommandTester::ack).toList();
  }

  public CommandCounters counters() {
    return firmware.getBean(CommandCounters.class);
  }

  public MqttRecorder recorder() {
    return recorder;
  }

  @Override
  public void close() {
    try {
      publisher.disconnect();
      publisher.close();
    } catch (MqttException e) {
      // the broker may be gone already
    }
    firmware.close();
    recorder.close();
  }

  private static boolean isFinal(CommandAck ack) {
    return ack.getStatus() != Status.STATUS_ACCEPTED;
  }

  private static boolean online(Received m) {
    try {
      return ControllerState.parseFrom(m.payload()).getStatus() == ControllerState.Status.STATUS_ONLINE;
    } catch (InvalidProtocolBufferException e) {
      return false;
    }
  }

  static CommandAck ack(Received m) {
    try {
      return CommandAck.parseFrom(m.payload());
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }

  static Event event(Received m) {
    try {
      return Event.parseFrom(m.payload());
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }
}
