package space.lunarbase.fsw.core.command;

import java.util.Optional;

/** What a key may command. Each command declares the roles allowed to send it. */
public enum Role {
  /** Day-to-day operation of the site. */
  OPERATOR("operator"),
  /** The range safety officer: may make the launch rail safe from any mode. */
  RANGE_SAFETY("range-safety");

  private final String label;

  Role(String label) {
    this.label = label;
  }

  /** The name used in key files. */
  public String label() {
    return label;
  }

  /** The role a key file names, if any. */
  public static Optional<Role> byLabel(String label) {
    for (Role role : values()) {
      if (role.label.equals(label)) {
        return Optional.of(role);
      }
    }
    return Optional.empty();
  }
}
