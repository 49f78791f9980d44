package space.lunarbase.fleet;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.net.SocketFactory;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import space.lunarbase.wire.Topics;

/**
 * An MQTT 5 subscriber to a whole site ({@code lunarbase/v1/{site}/#}, QoS 1) that hands every
 * message, stamped with its arrival time, to a {@link DeliveryCheck}: the receiving end of the
 * fleet's test and scale bench. Retained messages are taken only as they are published (retain
 * handling 2), so an earlier run's birth does not count.
 */
public final class FleetWatch implements AutoCloseable {

  private final MqttAsyncClient client;
  private final DeliveryCheck check;

  private FleetWatch(MqttAsyncClient client, DeliveryCheck check) {
    this.client = client;
    this.check = check;
  }

  /** Connects as {@code clientId} (a certificate's CN with {@code sockets}) and subscribes; waits up to {@code timeout}. */
  public static FleetWatch open(String url, String clientId, Optional<SocketFactory> sockets, String site,
                                DeliveryCheck check, Duration timeout) throws MqttException {
    MqttAsyncClient client = new MqttAsyncClient(url, clientId, new MemoryPersistence());
    FleetWatch watch = new FleetWatch(client, check);
    client.setCallback(watch.new Arrivals());
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(true);
    options.setKeepAliveInterval(30);
    options.setReceiveMaximum(65_535);
    sockets.ifPresent(options::setSocketFactory);
    client.connect(options).waitForCompletion(timeout.toMillis());
    MqttSubscription subscription = new MqttSubscription(Topics.site(site), 1);
    subscription.setRetainHandling(2);
    client.subscribe(new MqttSubscription[] {subscription}, null, null, new MqttProperties())
        .waitForCompletion(timeout.toMillis());
    return watch;
  }

  public DeliveryCheck check() {
    return check;
  }

  @Override
  public void close() {
    try {
      if (client.isConnected()) {
        client.disconnect(1_000).waitForCompletion(2_000);
      }
      client.close(true);
    } catch (MqttException e) {
      // closing: nothing more to do
    }
  }

  private static long nowNanos() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  private final class Arrivals implements MqttCallback {
    @Override
    public void messageArrived(String topic, MqttMessage message) {
      check.accept(topic, message.getPayload(), nowNanos());
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {}

    @Override
    public void mqttErrorOccurred(MqttException exception) {}

    @Override
    public void deliveryComplete(IMqttToken token) {}

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {}

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {}
  }
}
