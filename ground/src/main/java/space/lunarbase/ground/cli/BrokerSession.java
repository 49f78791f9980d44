package space.lunarbase.ground.cli;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import space.lunarbase.ground.cli.Inbound.Arrival;
import space.lunarbase.ground.cli.Inbound.ConnectionLost;
import space.lunarbase.ground.cli.Inbound.Reconnected;
import space.lunarbase.wire.TlsFiles;

/**
 * The MQTT session of one lunarctl command: a clean session that reconnects by itself after a drop,
 * plain or over TLS ({@link BrokerSettings}), under the client certificate's CN as client id (else a
 * random one). Paho's callbacks only put {@link Inbound} items on the inbox;
 * the owner takes them on its own thread (and resubscribes after a {@link Reconnected}). Commands
 * that publish (replay, rebirth) do so from their own thread and wait on the returned tokens.
 */
final class BrokerSession implements AutoCloseable {

  /** How long a command waits at most for the broker to accept its connection. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  /** Subscription QoS: the wire protocol's QoS 1 streams arrive at least once. */
  static final int QOS = 1;
  private static final int SUBACK_FAILURE = 0x80;
  /** Publishes in flight at once (QoS 1 and 2), for replay. */
  static final int MAX_INFLIGHT = 200;

  /**
   * The broker could not be reached, or refused us, or the settings to reach it cannot be used; the
   * message says why, for a person, and {@link #exitCode()} which of lunarctl's exit codes it is.
   */
  static final class BrokerUnavailable extends Exception {
    private final int exitCode;

    BrokerUnavailable(String message) {
      this(message, Lunarctl.EXIT_BROKER);
    }

    BrokerUnavailable(String message, int exitCode) {
      super(message);
      this.exitCode = exitCode;
    }

    /** {@link Lunarctl#EXIT_BROKER}, or {@link Lunarctl#EXIT_FILE} for a TLS or password file, or {@link Lunarctl#EXIT_USAGE}. */
    int exitCode() {
      return exitCode;
    }
  }

  private final MqttAsyncClient client;
  private final Duration timeout;

  private BrokerSession(MqttAsyncClient client, Duration timeout) {
    this.client = client;
    this.timeout = timeout;
  }

  /**
   * How long a command with {@code commandTimeout} (its --timeout; null: none) waits to connect:
   * {@link #CONNECT_TIMEOUT}, or the whole command's timeout when that is shorter.
   */
  static Duration connectTimeout(Duration commandTimeout) {
    return commandTimeout != null && commandTimeout.compareTo(CONNECT_TIMEOUT) < 0 ? commandTimeout : CONNECT_TIMEOUT;
  }

  /** Connects as {@code broker} says (options, else the environment), waiting at most {@code timeout}. */
  static BrokerSession connect(BrokerOption broker, BlockingQueue<Inbound> inbox, Clock clock, Duration timeout)
      throws BrokerUnavailable {
    BrokerSettings settings;
    try {
      settings = broker.settings();
    } catch (IllegalArgumentException e) {
      throw new BrokerUnavailable(e.getMessage(), Lunarctl.EXIT_USAGE);
    }
    return connect(settings, inbox, clock, timeout);
  }

  /** Connects with {@code settings}, waiting at most {@code timeout}. */
  static BrokerSession connect(BrokerSettings settings, BlockingQueue<Inbound> inbox, Clock clock, Duration timeout)
      throws BrokerUnavailable {
    MqttConnectOptions options = new MqttConnectOptions();
    String clientId;
    try {
      clientId = settings.clientId();
      if (settings.tls().isPresent()) {
        options.setSocketFactory(settings.tls().get().socketFactory());
        options.setHttpsHostnameVerificationEnabled(true); // the broker's certificate must name its host
      }
      settings.username().ifPresent(options::setUserName);
      settings.password().ifPresent(options::setPassword);
    } catch (TlsFiles.BadTlsFile | IllegalArgumentException e) {
      throw new BrokerUnavailable(e.getMessage(), Lunarctl.EXIT_FILE);
    } catch (IOException e) {
      throw new BrokerUnavailable("cannot read the password file " + settings.passwordFile().orElseThrow() + " ("
          + e + ")", Lunarctl.EXIT_FILE);
    }
    MqttAsyncClient client;
    try {
      client = new MqttAsyncClient(settings.url(), clientId, new MemoryPersistence());
    } catch (MqttException | IllegalArgumentException e) {
      throw new BrokerUnavailable("not a broker URL (" + describe(e) + "); expected e.g. tcp://127.0.0.1:1883 or"
          + " ssl://site-broker:8883", Lunarctl.EXIT_USAGE);
    }
    client.setCallback(new MqttCallbackExtended() {
      @Override
      public void connectComplete(boolean reconnect, String serverUri) {
        if (reconnect) {
          inbox.add(new Reconnected(serverUri));
        }
      }

      @Override
      public void connectionLost(Throwable cause) {
        inbox.add(new ConnectionLost(cause));
      }

      @Override
      public void messageArrived(String topic, MqttMessage message) {
        inbox.add(new Arrival(topic, message.getPayload(), message.isRetained(), clock.instant(),
            message.getQos()));
      }

      @Override
      public void deliveryComplete(IMqttDeliveryToken token) {
        // publishers wait on their tokens
      }
    });
    options.setCleanSession(true);
    options.setAutomaticReconnect(true);
    options.setMaxReconnectDelay(10_000);
    options.setKeepAliveInterval(30);
    options.setMaxInflight(MAX_INFLIGHT);
    options.setConnectionTimeout((int) Math.max(1, timeout.toSeconds()));
    BrokerSession session = new BrokerSession(client, timeout);
    try {
      client.connect(options).waitForCompletion(timeout.toMillis() + 1000);
    } catch (MqttException e) {
      session.close();
      throw new BrokerUnavailable(ConnectFailure.describe(e, settings));
    }
    return session;
  }

  /** Subscribes to {@code filter} at {@link #QOS}, waiting for the broker's answer. */
  void subscribe(String filter) throws BrokerUnavailable {
    try {
      IMqttToken token = client.subscribe(filter, QOS);
      token.waitForCompletion(timeout.toMillis());
      int[] granted = token.getGrantedQos();
      if (granted.length == 0 || granted[0] == SUBACK_FAILURE) {
        throw new BrokerUnavailable("the broker refused the subscription to '" + filter + "'");
      }
    } catch (MqttException e) {
      throw new BrokerUnavailable("cannot subscribe to '" + filter + "': " + describe(e));
    }
  }

  /**
   * Starts publishing one message; the token completes when the broker has it (at once for QoS 0).
   * Callers keep at most {@link #MAX_INFLIGHT} tokens open.
   */
  IMqttDeliveryToken publish(String topic, byte[] payload, int qos, boolean retained) throws BrokerUnavailable {
    try {
      return client.publish(topic, payload, qos, retained);
    } catch (MqttException e) {
      throw new BrokerUnavailable("cannot publish to '" + topic + "': " + describe(e));
    }
  }

  /** Waits until {@code token}'s message is with the broker, at most this session's timeout. */
  void await(IMqttDeliveryToken token) throws BrokerUnavailable {
    try {
      token.waitForCompletion(timeout.toMillis());
    } catch (MqttException e) {
      throw new BrokerUnavailable("the broker did not take a message: " + describe(e));
    }
  }

  /** Disconnects (briefly letting in-flight acknowledgements finish) and releases Paho's threads. */
  @Override
  public void close() {
    try {
      if (client.isConnected()) {
        client.disconnect(500).waitForCompletion(1000);
      }
    } catch (MqttException e) {
      // leaving anyway: close below releases what is left
    }
    try {
      client.close(true);
    } catch (MqttException e) {
      // nothing more to release
    }
  }

  /** Paho's message with the root cause's, e.g. "Unable to connect to server (Connection refused)". */
  static String describe(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (root != e && root.getMessage() != null && !text.contains(root.getMessage())) {
      text += " (" + root.getMessage() + ")";
    }
    return text;
  }
}
