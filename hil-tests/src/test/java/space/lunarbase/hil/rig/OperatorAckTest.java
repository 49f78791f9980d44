package space.lunarbase.hil.rig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import space.lunarbase.hil.rig.Observation.AckSeen;
import space.lunarbase.proto.v1.CommandAck;
import space.lunarbase.proto.v1.CommandAck.Reason;
import space.lunarbase.proto.v1.CommandAck.Status;
import space.lunarbase.proto.v1.CommandBody;
import space.lunarbase.proto.v1.SignedCommand;
import space.lunarbase.testkit.MosquittoBroker;
import space.lunarbase.testkit.MqttRecorder;
import space.lunarbase.testkit.TestSite;
import space.lunarbase.wire.AckCheck;
import space.lunarbase.wire.AckSignature;

/**
 * The rig's operator takes only the controller's signed ack as the answer to its command: over a
 * real Mosquitto, the test plays the controller (acks signed under the development ring's key for
 * {@code hil/rig-1}) and an attacker (forged and unauthenticated acks); the observer records all.
 * On the rig's secure site ({@link RigOptions#withSecureBroker()}) the operator and observer connect
 * with their certificates and the site's ACL keeps an operator off the controller's ack topic.
 */
class OperatorAckTest {

  @Test
  void onlyTheAckSignedUnderTheCommandsKeyForThisControllerIsTheAnswer() {
    KeyRing keys = KeyRing.development();
    Timeline timeline = new Timeline();
    try (MosquittoBroker broker = MosquittoBroker.start();
         Observer observer = Observer.start(BrokerEndpoint.plain(broker.url()), "lunarbase/v1/hil/rig-1", timeline,
             false);
         Operator operator = Operator.connect(BrokerEndpoint.plain(broker.url()), Rig.SITE, "rig-1", keys,
             Instant::now, timeline)) {
      CommandBody body = operator.body("core.NOOP", Args.none(), Rig.OPERATOR_KEY);
      byte[] secret = keys.key(Rig.OPERATOR_KEY).secret();
      CommandAck completed = CommandAck.newBuilder().setRequestId(body.getRequestId()).setKeyId(Rig.OPERATOR_KEY)
          .setCounter(body.getCounter()).setCommand("core.NOOP").setStatus(Status.STATUS_COMPLETED).build();
      List<CommandAck> published = List.of(
          AckSignature.sign(completed, new byte[32], Rig.SITE, "rig-1"),               // a guessed secret
          AckSignature.sign(completed, secret, Rig.SITE, "rig-2"),                     // another controller's
          completed,                                                                   // no MAC at all
          CommandAck.newBuilder().setKeyId(Rig.OPERATOR_KEY).setStatus(Status.STATUS_REJECTED)
              .setReason(Reason.REASON_BAD_MAC).build(),                               // a refusal of anybody's
          AckSignature.sign(completed, secret, Rig.SITE, "rig-1"));                    // the controller's
      for (CommandAck ack : published) {
        broker.publishOnce("lunarbase/v1/hil/rig-1/ack", ack.toByteArray());
      }
      await().atMost(Duration.ofSeconds(10))
          .until(() -> timeline.since(Timeline.Mark.BEGINNING, AckSeen.class, a -> true).size() == published.size());

      AckCheck check = operator.check(body.getRequestId(), Rig.OPERATOR_KEY).orElseThrow();
      List<AckCheck.Kind> kinds = timeline.since(Timeline.Mark.BEGINNING, AckSeen.class, a -> true).stream()
          .map(a -> check.judge(a.ack()).kind()).toList();

      assertThat(kinds).containsExactly(AckCheck.Kind.FORGED, AckCheck.Kind.FORGED, AckCheck.Kind.FORGED,
          AckCheck.Kind.UNAUTHENTICATED, AckCheck.Kind.ANSWER);
      assertThat(operator.check(body.getRequestId(), "mallory")).as("a key the ring does not hold").isEmpty();
    }
  }

  @Test
  void onTheRigsSecureSiteTheOperatorCommandsAndTheObserverHearsTheControllersSignedAck() throws Exception {
    KeyRing keys = KeyRing.development();
    Timeline timeline = new Timeline();
    TestSite site = TestSite.provision(Rig.siteManifest("rig-1"));
    try (MosquittoBroker broker = MosquittoBroker.startSecure(site);
         MqttRecorder controller = MqttRecorder.subscribe(broker.url(), site.tls("rig-1"),
             List.of("lunarbase/v1/hil/rig-1/cmd"));
         Observer observer = Observer.start(BrokerEndpoint.secure(broker.url(), site.tls(Rig.OBSERVER_IDENTITY)),
             "lunarbase/v1/hil/rig-1", timeline, true);
         Operator operator = Operator.connect(BrokerEndpoint.secure(broker.url(), site.tls(Rig.OPERATOR_IDENTITY)),
             Rig.SITE, "rig-1", keys, Instant::now, timeline)) {
      CommandBody body = operator.body("core.NOOP", Args.none(), Rig.OPERATOR_KEY);
      operator.publish(operator.sign(body, Rig.OPERATOR_KEY), "over TLS");
      byte[] received = controller.awaitCount("lunarbase/v1/hil/rig-1/cmd", 1, Duration.ofSeconds(10)).getFirst()
          .payload();
      assertThat(SignedCommand.parseFrom(received).getKeyId()).isEqualTo(Rig.OPERATOR_KEY);

      CommandAck completed = AckSignature.sign(CommandAck.newBuilder().setRequestId(body.getRequestId())
          .setKeyId(Rig.OPERATOR_KEY).setCommand("core.NOOP").setStatus(Status.STATUS_COMPLETED).build(),
          keys.key(Rig.OPERATOR_KEY).secret(), Rig.SITE, "rig-1");
      broker.publishOnce("rig-1", "lunarbase/v1/hil/rig-1/ack", completed.toByteArray());
      broker.publishOnce(Rig.OPERATOR_IDENTITY, "lunarbase/v1/hil/rig-1/ack", completed.toBuilder()
          .setText("forged by an operator").build().toByteArray()); // the site's ACL drops it

      await().atMost(Duration.ofSeconds(10))
          .until(() -> !timeline.since(Timeline.Mark.BEGINNING, AckSeen.class, a -> true).isEmpty());
      AckCheck check = operator.check(body.getRequestId(), Rig.OPERATOR_KEY).orElseThrow();
      assertThat(timeline.since(Timeline.Mark.BEGINNING, AckSeen.class, a -> true)).singleElement()
          .satisfies(a -> assertThat(check.judge(a.ack()).kind()).isEqualTo(AckCheck.Kind.ANSWER));
      assertThat(observer.isSubscribed()).isTrue();
    }
  }
}
