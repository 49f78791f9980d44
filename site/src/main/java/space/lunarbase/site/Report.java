package space.lunarbase.site;

import java.util.ArrayList;
import java.util.List;

/**
 * What a provisioning or a revocation did, one entry per thing, in order; for a person to read.
 *
 * @param entries what happened to each thing
 */
public record Report(List<Entry> entries) {

  /** What happened to one thing. */
  public enum Action {
    /** Made now (the CA, the broker certificate, an identity's key and certificate). */
    CREATED,
    /** There already, left byte for byte. */
    KEPT,
    /** Its role or families changed in the ACL and state; its certificate is kept. */
    CHANGED,
    /** A new key and certificate replaced the old ones, whose serial is now in the CRL. */
    REISSUED,
    /** Revoked now: its serial is in the CRL and it is out of the ACL. */
    REVOKED,
    /** In the manifest but revoked earlier; it stays revoked. */
    STILL_REVOKED,
    /** Issued earlier, no longer in the manifest, still valid. */
    UNLISTED,
    /** A broker file (CRL, ACL) written anew. */
    WRITTEN;

    /** The word printed, e.g. {@code still-revoked}. */
    public String word() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }

  /**
   * One line of the report.
   *
   * @param action what happened
   * @param name what it happened to: an identity's name, {@code ca}, {@code broker}, or a file
   * @param detail one phrase for a person
   */
  public record Entry(Action action, String name, String detail) {}

  public Report {
    entries = List.copyOf(entries);
  }

  /** The entries of {@code action}. */
  public List<Entry> of(Action action) {
    return entries.stream().filter(e -> e.action() == action).toList();
  }

  /** The names with {@code action}, in order. */
  public List<String> names(Action action) {
    return of(action).stream().map(Entry::name).toList();
  }

  /** Collects entries while provisioning. */
  static final class Builder {
    private final List<Entry> entries = new ArrayList<>();

    void add(Action action, String name, String detail) {
      entries.add(new Entry(action, name, detail));
    }

    Report build() {
      return new Report(entries);
    }
  }
}
