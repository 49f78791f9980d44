package space.lunarbase.fsw.core.command;

import java.util.Map;
import space.lunarbase.proto.v1.Value;

/**
 * A command's arguments after they passed their declarations: handlers read them by name without
 * checking again. Reading an undeclared name or the wrong kind is a programming error.
 */
public record Args(Map<String, Value> values) {

  public Args {
    values = Map.copyOf(values);
  }

  public double number(String name) {
    return get(name, Value.KindCase.NUMBER).getNumber();
  }

  public long integer(String name) {
    return get(name, Value.KindCase.INTEGER).getInteger();
  }

  public boolean flag(String name) {
    return get(name, Value.KindCase.FLAG).getFlag();
  }

  public String text(String name) {
    return get(name, Value.KindCase.TEXT).getText();
  }

  public com.google.protobuf.ByteString data(String name) {
    return get(name, Value.KindCase.DATA).getData();
  }

  private Value get(String name, Value.KindCase kind) {
    Value value = values.get(name);
    if (value == null || value.getKindCase() != kind) {
      throw new IllegalStateException("handler read undeclared argument " + name + " as " + kind);
    }
    return value;
  }
}
