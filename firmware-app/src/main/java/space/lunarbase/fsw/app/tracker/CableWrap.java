package space.lunarbase.fsw.app.tracker;

/**
 * Cable-wrap bookkeeping: the azimuth encoder reads 0..360, the cable counts every turn. The wrap
 * is how far the azimuth has turned from the cable's neutral, signed and continuous; it follows
 * each GOOD encoder reading by the short way from the last one, which is right as long as the
 * axis turns less than half a turn between two readings (a move is at most a few degrees).
 * Owned by the controller's thread.
 */
final class CableWrap {

  private final double neutralDeg;
  private double wrapDeg;
  private double azimuthDeg;

  /**
   * @param neutralDeg the azimuth at which the cable hangs relaxed
   * @param wrapDeg the wrap now
   * @param azimuthDeg the encoder's azimuth now; must agree with {@code wrapDeg} (mod 360)
   */
  CableWrap(double neutralDeg, double wrapDeg, double azimuthDeg) {
    this.neutralDeg = neutralDeg;
    this.wrapDeg = wrapDeg;
    this.azimuthDeg = azimuthDeg;
  }

  /** The wrap that agrees with the encoder's {@code azimuthDeg} and is nearest {@code savedWrapDeg}. */
  static double restore(double savedWrapDeg, double azimuthDeg, double neutralDeg) {
    return savedWrapDeg + shortest(azimuthDeg - neutralDeg - savedWrapDeg);
  }

  /** With nothing saved: the wrap within half a turn of the neutral that agrees with the encoder. */
  static double nearestNeutral(double azimuthDeg, double neutralDeg) {
    return shortest(azimuthDeg - neutralDeg);
  }

  /** {@code degrees} brought into (-180, 180]. */
  static double shortest(double degrees) {
    double d = degrees - 360 * Math.floor(degrees / 360);
    return d > 180 ? d - 360 : d;
  }

  /** Follows a GOOD encoder reading. */
  void follow(double encoderAzimuthDeg) {
    wrapDeg += shortest(encoderAzimuthDeg - azimuthDeg);
    azimuthDeg = encoderAzimuthDeg;
  }

  double wrapDeg() {
    return wrapDeg;
  }

  /** The wrap at azimuth {@code targetDeg} reached the short way from here. */
  double continuing(double targetDeg) {
    return wrapDeg + shortest(targetDeg - azimuthDeg);
  }

  /** The wrap at azimuth {@code targetDeg} reached within half a turn of the neutral. */
  double nearestNeutral(double targetDeg) {
    return nearestNeutral(targetDeg, neutralDeg);
  }

  /** The wrap at azimuth {@code targetDeg} nearest the present one that stays within {@code limitDeg}. */
  double within(double targetDeg, double limitDeg) {
    double wrap = continuing(targetDeg);
    while (wrap > limitDeg) {
      wrap -= 360;
    }
    while (wrap < -limitDeg) {
      wrap += 360;
    }
    return wrap;
  }

  /** Replaces the wrap (an operator's correction): {@code wrapDeg} must agree with the encoder. */
  void set(double wrapDeg) {
    this.wrapDeg = wrapDeg;
  }

  double neutralDeg() {
    return neutralDeg;
  }
}
