package space.lunarbase.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import space.lunarbase.wire.Topic.Direction;
import space.lunarbase.wire.Topic.Kind;

class TopicsTest {

  @Test
  void buildsOneControllersTopics() {
    Topics topics = new Topics("lunar-south", "bank-ctl-1");

    assertThat(topics.of(Topics.STATE)).isEqualTo("lunarbase/v1/lunar-south/bank-ctl-1/state");
    assertThat(topics.of(Topics.telemetry("bank"))).isEqualTo("lunarbase/v1/lunar-south/bank-ctl-1/tlm/bank");
    assertThat(topics.of(Kind.CMD)).isEqualTo("lunarbase/v1/lunar-south/bank-ctl-1/cmd");
    assertThat(topics.all()).isEqualTo("lunarbase/v1/lunar-south/bank-ctl-1/#");
    assertThat(Topic.parse(topics.of(Topics.telemetry("bank")))).isEqualTo(Topic.telemetry("lunar-south", "bank-ctl-1", "bank"));
  }

  @Test
  void buildsFilters() {
    assertThat(Topics.EVERYTHING).isEqualTo("lunarbase/v1/#");
    assertThat(Topics.site("lunar-south")).isEqualTo("lunarbase/v1/lunar-south/#");
    assertThat(Topics.prefix("lunar-south", "+")).isEqualTo("lunarbase/v1/lunar-south/+/");
    assertThat(Topics.filter("+", "+", Kind.CMD)).isEqualTo("lunarbase/v1/+/+/cmd");
    assertThat(Topics.filter("s", "+", Kind.TLM)).isEqualTo("lunarbase/v1/s/+/tlm/#");
    assertThat(Topics.streams(Direction.FROM_CONTROLLER)).containsExactly("state", "schema", "dictionary", "tlm/#", "evt", "ack");
    assertThat(Topics.streams(Direction.TO_CONTROLLER)).containsExactly("cmd", "rebirth");
  }

  @Test
  void refusesLevelsThatWouldWidenOrBreakTheTree() {
    assertThatThrownBy(() -> new Topics("lunar-south", "+")).hasMessage("controller '+' is not [a-z0-9-]{1,64}");
    assertThatThrownBy(() -> Topics.site("#")).hasMessage("site '#' is not [a-z0-9-]{1,64} or +");
    assertThatThrownBy(() -> Topics.prefix("a/b", "c")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Topics.prefix("", "c")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Topics.telemetry("bank/#")).hasMessage("subsystem 'bank/#' is not [a-z0-9_-]{1,64}");
    assertThatThrownBy(() -> new Topics("s", "c").of(Kind.TLM)).isInstanceOf(IllegalArgumentException.class);
  }
}
