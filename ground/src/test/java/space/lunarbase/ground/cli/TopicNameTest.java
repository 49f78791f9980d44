package space.lunarbase.ground.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import space.lunarbase.ground.cli.TopicName.Kind;

class TopicNameTest {

  @Test
  void parsesATelemetryTopic() {
    TopicName name = TopicName.parse("lunarbase/v1/lunar-south/bank-ctl-1/tlm/bank");

    assertThat(name).isEqualTo(new TopicName("lunar-south", "bank-ctl-1", Kind.TLM, "bank"));
    assertThat(name.controllerPath()).isEqualTo("lunar-south/bank-ctl-1");
    assertThat(name.suffix()).isEqualTo("tlm/bank");
    assertThat(name).hasToString("lunarbase/v1/lunar-south/bank-ctl-1/tlm/bank");
  }

  @Test
  void parsesEveryKindWithoutASubsystem() {
    for (String kind : new String[] {"state", "schema", "evt", "cmd", "ack", "rebirth"}) {
      TopicName name = TopicName.parse("lunarbase/v1/site-1/ctl-2/" + kind);

      assertThat(name.kind().level()).isEqualTo(kind);
      assertThat(name.subsystem()).isNull();
      assertThat(name.suffix()).isEqualTo(kind);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "",
      "lunarbase/v2/site/ctl/state",
      "other/v1/site/ctl/state",
      "lunarbase/v1/site/ctl",
      "lunarbase/v1/site/ctl/tlm",
      "lunarbase/v1/site/ctl/state/extra",
      "lunarbase/v1/site/ctl/tlm/bank/extra",
      "lunarbase/v1/site/ctl/telemetry/bank",
      "lunarbase/v1/Site/ctl/state",
      "lunarbase/v1/site/ctl_1/state",
      "lunarbase/v1//ctl/state",
      "lunarbase/v1/site/ctl/tlm/",
      "lunarbase/v1/+/ctl/state",
      "lunarbase/v1/site/ctl/tlm/#",
      "/lunarbase/v1/site/ctl/state"})
  void rejectsAnythingOutsideTheScheme(String topic) {
    assertThatThrownBy(() -> TopicName.parse(topic)).isInstanceOf(IllegalArgumentException.class);
    assertThat(TopicName.tryParse(topic)).isEmpty();
  }

  @Test
  void saysWhyATopicIsRejected() {
    assertThatThrownBy(() -> TopicName.parse("lunarbase/v1/site/ctl/tlm"))
        .hasMessage("tlm topic without a subsystem");
    assertThatThrownBy(() -> TopicName.parse("lunarbase/v1/site/ctl/telemetry"))
        .hasMessage("unknown kind 'telemetry'");
    assertThatThrownBy(() -> TopicName.parse("lunarbase/v1/Site/ctl/state"))
        .hasMessage("site 'Site' is not [a-z0-9-]+");
  }

  @Test
  void theConstructorKeepsTheSameRules() {
    assertThatThrownBy(() -> new TopicName("site", "ctl", Kind.STATE, "bank"))
        .hasMessage("state takes no subsystem");
    assertThatThrownBy(() -> new TopicName("site", "ctl", Kind.TLM, null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
