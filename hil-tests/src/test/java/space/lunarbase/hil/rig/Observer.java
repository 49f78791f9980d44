package space.lunarbase.hil.rig;

import com.google.protobuf.InvalidProtocolBufferException;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import space.lunarbase.proto.v1.CommandAck;
import space.lunarbase.proto.v1.ControllerState;
import space.lunarbase.proto.v1.Event;
import space.lunarbase.proto.v1.TelemetryFrame;

/**
 * The rig's ears: an MQTT subscriber to everything one controller publishes
 * ({@code lunarbase/v1/{site}/{controller}/#}, QoS 1), plain or over TLS ({@link BrokerEndpoint}),
 * which decodes each message with the compiled schema and appends it to the {@link Timeline}. It reconnects by itself (every 50 ms) and
 * subscribes again after a broker outage. With a kept session (as a ground station would), a broker
 * with persistence hands it, after a restart, what it queued or had in flight for it. The decode is cheap, so it runs on Paho's thread; the
 * timeline is the hand-off.
 */
final class Observer implements AutoCloseable {

  private final MqttClient client;
  private final String root;
  private final Timeline timeline;
  private volatile boolean subscribed;

  private Observer(MqttClient client, String root, Timeline timeline) {
    this.client = client;
    this.root = root;
    this.timeline = timeline;
  }

  /**
   * Connects and subscribes to {@code root/#}; throws if the broker cannot be reached.
   * {@code keepSession}: connect without a clean session, so the broker keeps the subscription and
   * the messages for it while the observer is away.
   */
  static Observer start(BrokerEndpoint broker, String root, Timeline timeline, boolean keepSession) {
    try {
      MqttClient client = broker.client("rig-observer-");
      Observer observer = new Observer(client, root, timeline);
      MqttConnectOptions options = broker.options();
      options.setCleanSession(!keepSession);
      options.setConnectionTimeout(5);
      options.setMaxInflight(1000);
      options.setAutomaticReconnect(true);
      options.setMaxReconnectDelay(50);
      client.setCallback(new MqttCallbackExtended() {
        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
          if (reconnect) {
            // Paho does not allow a blocking subscribe inside its callback
            Thread.ofVirtual().start(observer::subscribe);
          }
        }

        @Override
        public void connectionLost(Throwable cause) {
          observer.subscribed = false;
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
          // delivered to the subscription's listener
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
          // the observer publishes nothing
        }
      });
      client.connect(options);
      observer.subscribe();
      return observer;
    } catch (MqttException e) {
      throw new IllegalStateException("the rig cannot subscribe to " + root + "/# at " + broker, e);
    }
  }

  private void subscribe() {
    try {
      client.subscribe(root + "/#", 1, (topic, message) -> record(topic, message));
      subscribed = true;
    } catch (MqttException e) {
      subscribed = false;
    }
  }

  /** Connected and subscribed (again, after a broker restart). */
  boolean isSubscribed() {
    return client.isConnected() && subscribed;
  }

  private void record(String topic, MqttMessage message) {
    String stream = topic.startsWith(root + "/") ? topic.substring(root.length() + 1) : topic;
    byte[] payload = message.getPayload();
    try {
      Observation seen = switch (stream) {
        case "state" -> new Observation.StateSeen(ControllerState.parseFrom(payload), message.isRetained());
        case "evt" -> new Observation.EventSeen(Event.parseFrom(payload));
        case "ack" -> new Observation.AckSeen(CommandAck.parseFrom(payload));
        case "cmd", "schema", "dictionary", "rebirth" -> null; // the rig's own commands are recorded as sent; schema and dictionary are reference data
        default -> stream.startsWith("tlm/") ? new Observation.Telemetry(stream, TelemetryFrame.parseFrom(payload))
            : new Observation.Undecodable(topic, payload.length, "no decoder for " + stream);
      };
      if (seen != null) {
        timeline.add(seen);
      }
    } catch (InvalidProtocolBufferException e) {
      timeline.add(new Observation.Undecodable(topic, payload.length, e.getMessage()));
    }
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
