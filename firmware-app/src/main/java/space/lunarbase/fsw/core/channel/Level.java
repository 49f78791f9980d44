package space.lunarbase.fsw.core.channel;

/** Where a channel's value stands against its limits; later constants are worse. */
public enum Level {
  IN_LIMITS, YELLOW_LO, YELLOW_HI, RED_LO, RED_HI;

  public boolean red() {
    return this == RED_LO || this == RED_HI;
  }

  public boolean yellow() {
    return this == YELLOW_LO || this == YELLOW_HI;
  }
}
