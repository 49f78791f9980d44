package space.lunarbase.fsw.sim.control;

/**
 * A control-channel request that was not carried out, with the HTTP status it earns (404 unknown
 * fault, 400 bad parameters, 409 the simulation cannot do it now) and a reason for the person or
 * rig that asked.
 */
public final class FaultRefused extends RuntimeException {

  private final int status;

  FaultRefused(int status, String reason) {
    super(reason);
    this.status = status;
  }

  static FaultRefused badRequest(String reason) {
    return new FaultRefused(400, reason);
  }

  static FaultRefused notFound(String reason) {
    return new FaultRefused(404, reason);
  }

  static FaultRefused conflict(String reason) {
    return new FaultRefused(409, reason);
  }

  /** The HTTP status: 400, 404 or 409. */
  public int status() {
    return status;
  }
}
