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
import space.lunarbase.testkit.MosquittoBroker;
import space.lunarbase.wire.AckCheck;
import space.lunarbase.wire.AckSignature;

/**
 * The rig's operator takes only the controller's signed ack as the answer to its command: over a
 * real Mosquitto, the test plays the controller (acks signed under the development ring's key for
 * {@code hil/rig-1}) and an attacker (forged and unauthenticated acks); the observer records all.
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
}
