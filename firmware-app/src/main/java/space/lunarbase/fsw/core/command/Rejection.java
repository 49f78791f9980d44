package space.lunarbase.fsw.core.command;

import java.util.Objects;
import space.lunarbase.proto.v1.CommandAck.Reason;

/** Why a command is not executed: a reason code and a text for a person. */
public record Rejection(Reason reason, String text) {

  public Rejection {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(text, "text");
  }
}
