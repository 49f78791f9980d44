package space.lunarbase.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import space.lunarbase.wire.Topic.Kind;

class TopicTest {

  @Test
  void parsesATelemetryTopic() {
    Topic name = Topic.parse("lunarbase/v1/lunar-south/bank-ctl-1/tlm/bank");

    assertThat(name).isEqualTo(new Topic("lunar-south", "bank-ctl-1", Kind.TLM, "bank"));
    assertThat(name.controllerPath()).isEqualTo("lunar-south/bank-ctl-1");
    assertThat(name.stream()).isEqualTo("tlm/bank");
    assertThat(name).hasToString("lunarbase/v1/lunar-south/bank-ctl-1/tlm/bank");
  }

  @Test
  void parsesEveryKindWithoutASubsystem() {
    for (String kind : new String[] {"state", "schema", "evt", "cmd", "ack", "rebirth"}) {
      Topic name = Topic.parse("lunarbase/v1/site-1/ctl-2/" + kind);

      assertThat(name.kind().level()).isEqualTo(kind);
      assertThat(name.subsystem()).isNull();
      assertThat(name.stream()).isEqualTo(kind);
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
      "/lunarbase/v1/site/ctl/state",
      "lunarbase/v1/site/+/state",
      "lunarbase/v1/site/ctl/#",
      "lunarbase/v1/site/ctl/tlm/+",
      "lunarbase/v1/site/ctl/",
      "lunarbase/v1/site//state",
      "lunarbase/v1/site/ctl/tlm/Bank",
      "lunarbase/v1/site/ctl/state\u0000",
      "lunarbase/v1/s\u00e9te/ctl/state"})
  void rejectsAnythingOutsideTheScheme(String topic) {
    assertThatThrownBy(() -> Topic.parse(topic)).isInstanceOf(IllegalArgumentException.class);
    assertThat(Topic.tryParse(topic)).isEmpty();
  }

  @Test
  void saysWhyATopicIsRejected() {
    assertThatThrownBy(() -> Topic.parse("lunarbase/v1/site/ctl/tlm"))
        .hasMessage("tlm topic without a subsystem");
    assertThatThrownBy(() -> Topic.parse("lunarbase/v1/site/ctl/telemetry"))
        .hasMessage("unknown kind 'telemetry'");
    assertThatThrownBy(() -> Topic.parse("lunarbase/v1/Site/ctl/state"))
        .hasMessage("site 'Site' is not [a-z0-9-]{1,64}");
  }

  @Test
  void theConstructorKeepsTheSameRules() {
    assertThatThrownBy(() -> new Topic("site", "ctl", Kind.STATE, "bank"))
        .hasMessage("state takes no subsystem");
    assertThatThrownBy(() -> new Topic("site", "ctl", Kind.TLM, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesOversizeTopicsAndIds() {
    String longId = "a".repeat(65);
    assertThat(Topic.tryParse("lunarbase/v1/" + "a".repeat(64) + "/ctl/state")).isPresent();
    assertThatThrownBy(() -> Topic.parse("lunarbase/v1/" + longId + "/ctl/state"))
        .hasMessage("site '" + "a".repeat(64) + "...' is not [a-z0-9-]{1,64}");
    assertThatThrownBy(() -> Topic.parse("lunarbase/v1/s/c/tlm/" + "b".repeat(100_000)))
        .hasMessage("topic longer than 256 characters");
    assertThatThrownBy(() -> Topic.parse(null)).hasMessage("not a lunarbase/v1/ topic");
  }

  @Test
  void parsesUnderAnotherRoot() {
    Topic name = Topic.parse("replay/lunarbase/v1", "replay/lunarbase/v1/s-1/c-1/tlm/power_rail");

    assertThat(name).isEqualTo(Topic.telemetry("s-1", "c-1", "power_rail"));
    assertThat(Topic.tryParse("replay/lunarbase/v1", "lunarbase/v1/s-1/c-1/state")).isEmpty();
    assertThat(Topic.tryParse("lunarbase/v1/s-1/c-1/dictionary")).contains(Topic.of("s-1", "c-1", Kind.DICTIONARY));
  }

  @Test
  void printsWhatItParsed() {
    for (Kind kind : Kind.values()) {
      Topic topic = kind == Kind.TLM ? Topic.telemetry("s", "c", "cells") : Topic.of("s", "c", kind);

      assertThat(Topic.parse(topic.toString())).isEqualTo(topic);
      assertThat(Kind.ofLevel(kind.level())).contains(kind);
    }
  }
}
