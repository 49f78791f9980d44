package space.lunarbase.hil.rig;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import space.lunarbase.proto.v1.CommandBody;
import space.lunarbase.proto.v1.SignedCommand;
import space.lunarbase.proto.v1.Value;
import space.lunarbase.wire.AckCheck;
import space.lunarbase.wire.CommandSignature;
import space.lunarbase.wire.Topic.Kind;
import space.lunarbase.wire.Topics;

/**
 * The rig's operator console: signs commands as docs/subsystems/commanding.md specifies (HMAC-SHA256 over
 * the serialized {@code CommandBody} with the key's secret, a strictly increasing counter per key,
 * an expiry by the controller's clock) and publishes them on the controller's {@code cmd} topic
 * (QoS 1). It can also sign wrongly or publish any bytes, for the hostile-operator scenario; every
 * publication is recorded in the timeline. It takes an ack as the answer to one of its commands only
 * if it names the command's request id and verifies under the command's key for this controller
 * ({@link #check}): anybody on the broker can write an ack.
 */
public final class Operator implements AutoCloseable {

  /** How long after the controller's now a command expires: the README's advice (round trip + queueing). */
  public static final Duration EXPIRY = Duration.ofSeconds(30);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final MqttClient client;
  private final String site;
  private final String controller;
  private final String cmdTopic;
  private final KeyRing keys;
  private final Supplier<Instant> controllerClock;
  private final Timeline timeline;
  private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();

  private Operator(MqttClient client, String site, String controller, KeyRing keys, Supplier<Instant> controllerClock,
      Timeline timeline) {
    this.client = client;
    this.site = site;
    this.controller = controller;
    this.cmdTopic = new Topics(site, controller).of(Kind.CMD);
    this.keys = keys;
    this.controllerClock = controllerClock;
    this.timeline = timeline;
  }

  static Operator connect(BrokerEndpoint broker, String site, String controller, KeyRing keys,
      Supplier<Instant> controllerClock, Timeline timeline) {
    try {
      MqttClient client = broker.client("rig-operator-");
      MqttConnectOptions options = broker.options();
      options.setCleanSession(true);
      options.setConnectionTimeout(5);
      // Paho frees an inflight slot after the publish's token completes: a tight loop of QoS 1
      // publishes (the fuzz flood) would otherwise hit "Too many publishes in progress"
      options.setMaxInflight(1000);
      options.setAutomaticReconnect(true);
      options.setMaxReconnectDelay(50);
      client.connect(options);
      return new Operator(client, site, controller, keys, controllerClock, timeline);
    } catch (MqttException e) {
      throw new IllegalStateException("the rig's operator cannot connect to " + broker, e);
    }
  }

  /**
   * A body for this controller: the key's next counter, expiry {@link #EXPIRY} after the
   * controller's now, a random request id. The counter is chosen as lunarctl chooses it (above the
   * last one, and at least the clock in UTC microseconds), so lunarctl can send with the same key
   * beside the rig and the rig's commands after it are not REPLAYED.
   */
  public CommandBody body(String command, Map<String, Value> args, String keyId) {
    long clock = Math.multiplyExact(System.currentTimeMillis(), 1000L);
    return CommandBody.newBuilder()
        .setCounter(counters.computeIfAbsent(keyId, k -> new AtomicLong()).updateAndGet(last -> Math.max(last + 1, clock)))
        .setExpiresNs(nanos(controllerClock.get().plus(EXPIRY)))
        .setSiteId(site).setControllerId(controller).setCommand(command).putAllArgs(args)
        .setRequestId(RANDOM.nextLong() & Long.MAX_VALUE | 1)
        .build();
  }

  /**
   * The check of the acks of the command with {@code requestId} signed under {@code keyId}: empty
   * when the ring has no such key (a made-up key of the hostile scenario), whose acks cannot be
   * verified.
   */
  public Optional<AckCheck> check(long requestId, String keyId) {
    if (!keys.has(keyId)) {
      return Optional.empty();
    }
    return Optional.of(new AckCheck(site, controller, keyId, keys.key(keyId).secret(), requestId));
  }

  /** {@code body} signed with key {@code keyId} of the ring. */
  public SignedCommand sign(CommandBody body, String keyId) {
    return signWith(body, keyId, keys.key(keyId).secret());
  }

  /** {@code body} signed under the name {@code keyId} with any {@code secret} (right or wrong). */
  public static SignedCommand signWith(CommandBody body, String keyId, byte[] secret) {
    return CommandSignature.sign(body, keyId, secret);
  }

  /** Publishes a signed command and records it; {@code label} says what it is meant to be. */
  public void publish(SignedCommand command, String label) {
    CommandBody body;
    try {
      body = CommandBody.parseFrom(command.getBody());
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      body = CommandBody.getDefaultInstance();
    }
    timeline.add(new Observation.CommandSent(body.getCommand(), body.getArgsMap(), command.getKeyId(),
        body.getCounter(), body.getRequestId(), label));
    send(command.toByteArray());
  }

  /** Publishes any bytes on {@code cmd} and records that it did. */
  public void publishRaw(byte[] payload, String label) {
    timeline.add(new Observation.RigAction("published " + payload.length + " raw bytes on cmd [" + label + "]"));
    send(payload);
  }

  private void send(byte[] payload) {
    try {
      client.publish(cmdTopic, payload, 1, false);
    } catch (MqttException e) {
      throw new IllegalStateException("the rig's operator could not publish on " + cmdTopic + ": " + e, e);
    }
  }

  /** UTC nanoseconds, as {@code expires_ns} and headers carry time. */
  public static long nanos(Instant t) {
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }

  @Override
  public void close() {
    try {
      if (client.isConnected()) {
        client.disconnect(1000);
      }
      client.close(true);
    } catch (MqttException e) {
      // closing the rig: nothing to recover
    }
  }
}
