package space.lunarbase.fsw.link;

import jakarta.inject.Singleton;
import space.lunarbase.fsw.config.ControllerSettings;

/** The MQTT topic tree of this controller: {@code lunarbase/v1/{site}/{controller}/{stream}}. */
@Singleton
public final class Topics {

  /** The stream of the retained birth and death. */
  public static final String STATE = "state";

  private final String root;

  public Topics(ControllerSettings controller) {
    this.root = "lunarbase/v1/" + controller.site() + "/" + controller.controller() + "/";
  }

  /** The full topic of a stream such as {@code tlm/bank}. */
  public String of(String stream) {
    return root + stream;
  }

  /** {@code lunarbase/v1/{site}/{controller}/#}: everything this controller sends. */
  public String all() {
    return root + "#";
  }

  /** The telemetry stream of a subsystem. */
  public static String telemetry(String subsystem) {
    return "tlm/" + subsystem;
  }
}
