package space.lunarbase.site;

/**
 * Provisioning cannot go on: a bad manifest, a site folder that is damaged or belongs to another
 * site, an unknown name. The message is one line for a person, naming the file or entry at fault.
 */
public class SiteException extends RuntimeException {

  /** What went wrong, for an exit code. */
  public enum Kind {
    /** The manifest cannot be read or breaks a rule. */
    MANIFEST,
    /** The site folder cannot be read or written, or is not what its state file says. */
    FOLDER,
    /** A name that the site does not hold. */
    UNKNOWN_NAME
  }

  private final Kind kind;

  public SiteException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public SiteException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
