package space.lunarbase.fsw.core.command;

import jakarta.inject.Singleton;
import space.lunarbase.fsw.config.ControllerSettings;
import space.lunarbase.fsw.core.inbound.InboundHandler;

/**
 * Receives {@code cmd} messages on the MQTT thread and hands them to the {@link CommandIntake}.
 * While commands are waiting, a verified safing command ({@link SafingScreen}: a MAC checked only
 * for messages that claim to be one) goes into the lane ahead of them; everything else is queued
 * as it came, unparsed and uncopied.
 */
@Singleton
public final class CommandInlet implements InboundHandler {

  /** The stream commands arrive on. */
  public static final String STREAM = "cmd";

  private final CommandIntake intake;
  private final SafingScreen screen;

  public CommandInlet(CommandIntake intake, Keys keys, ReplayGuard replay, CommandRegistry registry,
                      ControllerSettings controller) {
    this.intake = intake;
    this.screen = new SafingScreen(keys, replay, registry, controller);
  }

  @Override
  public String stream() {
    return STREAM;
  }

  /** The link drops a larger message unanswered (and counts it) before it gets here. */
  @Override
  public int maxPayload() {
    return CommandIntake.MAX_PAYLOAD;
  }

  /** Queues {@code payload} (not copied); never blocks, never throws. */
  @Override
  public void accept(byte[] payload) {
    if (intake.depth() > 0 && screen.passes(payload) && intake.acceptAhead(payload)) {
      return;
    }
    intake.accept(payload);
  }

  @Override
  public long garbage() {
    return intake.garbage();
  }
}
