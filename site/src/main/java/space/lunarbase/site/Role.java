package space.lunarbase.site;

import java.util.Locale;

/**
 * What an identity of a site may do on the site broker; the ACL grants exactly this
 * ({@link AclFile}). The broker itself has a server certificate and no role here.
 */
public enum Role {
  /** A controller board: writes only its own topics, reads only its own {@code cmd} and {@code rebirth}. */
  CONTROLLER,
  /** A person or tool that commands: reads everything, writes {@code cmd} and {@code rebirth}. */
  OPERATOR,
  /** A consumer (the ground station's archive, a display): reads everything, writes nothing. */
  OBSERVER,
  /**
   * A bridge to Earth: reads everything, writes {@code cmd} and {@code rebirth} (relayed from
   * Earth). The site broker's own bridge (manifest {@code earth}) is this identity on both brokers:
   * on the site by its {@code local_username}, on Earth by its certificate ({@code EarthAclFile}).
   */
  BRIDGE;

  /** The word used in the manifest and the state file, e.g. {@code operator}. */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The role a manifest or state word names. */
  public static Role ofWord(String word) {
    for (Role role : values()) {
      if (role.word().equals(word)) {
        return role;
      }
    }
    throw new IllegalArgumentException("no role '" + word + "'");
  }
}
