package space.lunarbase.ground.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import space.lunarbase.ground.cli.CommandArgs.Arg;
import space.lunarbase.ground.cli.CommandArgs.Kind;
import space.lunarbase.proto.v1.Value;

/** How {@code lunarctl send} types its {@code name=value} arguments. */
class CommandArgsTest {

  @Test
  void plainValuesAreInferredFromTheirText() {
    assertThat(value("amps=2.5")).isEqualTo(Value.newBuilder().setNumber(2.5).build());
    assertThat(value("amps=-0.5")).isEqualTo(Value.newBuilder().setNumber(-0.5).build());
    assertThat(value("amps=2.")).isEqualTo(Value.newBuilder().setNumber(2.0).build());
    assertThat(value("amps=.5")).isEqualTo(Value.newBuilder().setNumber(0.5).build());
    assertThat(value("amps=1e3")).isEqualTo(Value.newBuilder().setNumber(1000).build());
    assertThat(value("x=3")).isEqualTo(Value.newBuilder().setInteger(3).build());
    assertThat(value("x=-12")).isEqualTo(Value.newBuilder().setInteger(-12).build());
    assertThat(value("x=+7")).isEqualTo(Value.newBuilder().setInteger(7).build());
    assertThat(value("on=true")).isEqualTo(Value.newBuilder().setFlag(true).build());
    assertThat(value("on=false")).isEqualTo(Value.newBuilder().setFlag(false).build());
    assertThat(value("mode=SAFE")).isEqualTo(Value.newBuilder().setText("SAFE").build());
    assertThat(value("mode=True")).isEqualTo(Value.newBuilder().setText("True").build());
    assertThat(value("v=NaN")).isEqualTo(Value.newBuilder().setText("NaN").build());
    assertThat(value("v=0x10")).isEqualTo(Value.newBuilder().setText("0x10").build());
    assertThat(value("note=a=b c")).isEqualTo(Value.newBuilder().setText("a=b c").build());
    assertThat(value("note=")).isEqualTo(Value.newBuilder().setText("").build());
    assertThat(CommandArgs.parse("x=3").inferred()).isTrue();
  }

  @Test
  void anExplicitKindIsTaken() {
    assertThat(value("amps:number=2")).isEqualTo(Value.newBuilder().setNumber(2.0).build());
    assertThat(value("x:int=3")).isEqualTo(Value.newBuilder().setInteger(3).build());
    assertThat(value("x:integer=-9223372036854775808"))
        .isEqualTo(Value.newBuilder().setInteger(Long.MIN_VALUE).build());
    assertThat(value("on:bool=true")).isEqualTo(Value.newBuilder().setFlag(true).build());
    assertThat(value("on:flag=false")).isEqualTo(Value.newBuilder().setFlag(false).build());
    assertThat(value("label:text=3")).isEqualTo(Value.newBuilder().setText("3").build());
    assertThat(value("label:text=true")).isEqualTo(Value.newBuilder().setText("true").build());
    Arg arg = CommandArgs.parse("amps:number=2");
    assertThat(arg.name()).isEqualTo("amps");
    assertThat(arg.kind()).isEqualTo(Kind.NUMBER);
    assertThat(arg.inferred()).isFalse();
  }

  @Test
  void whatCannotBeTypedIsRefusedNamingTheArgument() {
    assertThatThrownBy(() -> CommandArgs.parse("amps")).hasMessageContaining("'amps' is not name=value");
    assertThatThrownBy(() -> CommandArgs.parse("=3")).hasMessageContaining("the name must be");
    assertThatThrownBy(() -> CommandArgs.parse("a b=3")).hasMessageContaining("the name must be");
    assertThatThrownBy(() -> CommandArgs.parse("x:float=3")).hasMessageContaining("unknown kind 'float'");
    assertThatThrownBy(() -> CommandArgs.parse("x:int=2.5")).hasMessageContaining("'2.5' is not an integer");
    assertThatThrownBy(() -> CommandArgs.parse("x:int=99999999999999999999"))
        .hasMessageContaining("beyond a 64-bit integer");
    assertThatThrownBy(() -> CommandArgs.parse("x:number=NaN")).hasMessageContaining("'NaN' is not a decimal number");
    assertThatThrownBy(() -> CommandArgs.parse("x:number=1e999")).hasMessageContaining("too large");
    assertThatThrownBy(() -> CommandArgs.parse("x:bool=yes")).hasMessageContaining("'yes' is not true or false");
    assertThatThrownBy(() -> CommandArgs.parse(List.of("x=1", "x:text=2"))).hasMessageContaining("given twice");
  }

  @Test
  void argumentsKeepTheirOrderAndNames() {
    assertThat(CommandArgs.parse(List.of("subsystem=bank", "mode=SAFE")).keySet())
        .containsExactly("subsystem", "mode");
  }

  private static Value value(String text) {
    return CommandArgs.parse(text).value();
  }
}
