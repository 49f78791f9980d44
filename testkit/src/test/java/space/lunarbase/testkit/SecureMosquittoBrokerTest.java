package space.lunarbase.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;

/** The secure broker fixture: site.conf with a site provisioned at test time, over TLS only. */
class SecureMosquittoBrokerTest {

  @Test
  void a_controller_publishes_and_an_observer_receives_over_tls_across_a_restart() {
    TestSite site = TestSite.provision();
    try (MosquittoBroker broker = MosquittoBroker.startSecure(site)) {
      assertThat(broker.url()).isEqualTo("ssl://127.0.0.1:" + broker.port()).isEqualTo(broker.sslUrl());
      assertThat(site.identity("bank-ctl-1").commonName()).isEqualTo("lunar-south.bank-ctl-1");
      String evt = site.prefix("bank-ctl-1") + "evt";
      try (MqttRecorder observer = MqttRecorder.subscribe(broker.url(), broker.tls("ground-station"),
          List.of("lunarbase/v1/#"))) {
        broker.publishOnce("bank-ctl-1", evt, "one".getBytes(StandardCharsets.UTF_8));
        assertThat(observer.awaitCount(evt, 1, Duration.ofSeconds(10)).getFirst().payload())
            .asString(StandardCharsets.UTF_8).isEqualTo("one");
      }

      broker.stop();
      broker.restart();
      try (MqttRecorder observer = MqttRecorder.subscribe(broker.url(), broker.tls("ground-station"),
          List.of("lunarbase/v1/#"))) {
        broker.publishOnce("bank-ctl-1", evt, "two".getBytes(StandardCharsets.UTF_8));
        assertThat(observer.awaitCount(evt, 1, Duration.ofSeconds(10))).hasSize(1);
      }
      broker.reload();
      assertThat(broker.isRunning()).isTrue();
    }
  }

  @Test
  void a_client_without_a_certificate_is_refused() {
    TestSite site = TestSite.provision();
    try (MosquittoBroker broker = MosquittoBroker.startSecure(site)) {
      assertThatThrownBy(() -> broker.publishOnce("t", new byte[1])).isInstanceOf(IllegalStateException.class);
      MqttConnectOptions options = new MqttConnectOptions();
      options.setSocketFactory(site.trustOnly().socketFactory());
      options.setConnectionTimeout(5);
      assertThatThrownBy(() -> {
        MqttClient client = new MqttClient(broker.url(), "anonymous", new MemoryPersistence());
        try {
          client.connect(options);
        } finally {
          client.close();
        }
      }).isInstanceOf(MqttException.class);
    }
  }

  @Test
  void the_plain_listener_takes_a_password_and_the_site_acl_still_applies() throws MqttException {
    TestSite site = TestSite.provision();
    String controller = site.identity("bank-ctl-1").commonName();
    try (MosquittoBroker broker = MosquittoBroker.startSecureWithPlainListener(site, Map.of(controller, "s3cret"))) {
      assertThat(broker.plainUrl()).startsWith("tcp://127.0.0.1:").isNotEqualTo("tcp://127.0.0.1:" + broker.port());
      String own = site.prefix("bank-ctl-1") + "tlm/bank";
      String other = site.prefix("rail-ctl-1") + "tlm/bank";
      try (MqttRecorder observer = MqttRecorder.subscribe(broker.url(), broker.tls("ground-station"),
          List.of("lunarbase/v1/#"))) {
        MqttClient client = new MqttClient(broker.plainUrl(), "plain-bank-ctl-1", new MemoryPersistence());
        try {
          client.connect(login(controller, "s3cret"));
          client.publish(other, new byte[] {1}, 1, false);
          client.publish(own, new byte[] {2}, 1, false);
          client.disconnect();
        } finally {
          client.close();
        }
        assertThat(observer.awaitCount(own, 1, Duration.ofSeconds(10))).hasSize(1);
        assertThat(observer.on(other)).as("another controller's topic, refused by the ACL").isEmpty();
      }
      assertThatThrownBy(() -> {
        MqttClient client = new MqttClient(broker.plainUrl(), "plain-intruder", new MemoryPersistence());
        try {
          client.connect(login(controller, "wrong"));
        } finally {
          client.close();
        }
      }).isInstanceOf(MqttException.class);
    }
  }

  private static MqttConnectOptions login(String username, String password) {
    MqttConnectOptions options = new MqttConnectOptions();
    options.setUserName(username);
    options.setPassword(password.toCharArray());
    options.setConnectionTimeout(5);
    return options;
  }
}
