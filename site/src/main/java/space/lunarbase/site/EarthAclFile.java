package space.lunarbase.site;

import java.util.List;
import space.lunarbase.wire.Topics;

/**
 * The Mosquitto ACL file of a site's Earth broker: what reaches Earth from the Moon, and who on
 * Earth may send anything back.
 *
 * <table>
 *   <caption>What each identity may do on the Earth broker</caption>
 *   <tr><th>identity</th><th>reads</th><th>writes</th></tr>
 *   <tr><td>the site's bridge</td><td>{@code lunarbase/v1/S/+/cmd}, {@code .../rebirth}</td>
 *       <td>what a controller of site S writes: {@code lunarbase/v1/S/+/state}, {@code schema}, {@code dict},
 *       {@code tlm/#}, {@code evt}, {@code ack}</td></tr>
 *   <tr><td>operator</td><td>{@code lunarbase/v1/#}</td><td>{@code lunarbase/v1/S/+/cmd}, {@code .../rebirth}</td></tr>
 *   <tr><td>observer</td><td>{@code lunarbase/v1/#}</td><td>nothing</td></tr>
 * </table>
 *
 * Controllers and other bridges have no block: on Earth they can do nothing. A command written on
 * Earth by anyone but an operator is dropped by the Earth broker, so the bridge never carries it to
 * the Moon.
 */
final class EarthAclFile {

  private EarthAclFile() {}

  /** The Earth ACL for {@code identities} (the active ones) of {@code site}, bridged by {@code bridge}. */
  static String render(String site, String bridge, List<Identity> identities) {
    String prefix = Topics.prefix(site, "+");
    StringBuilder out = new StringBuilder();
    out.append("# Mosquitto ACL of the Earth broker of site ").append(site)
        .append(": written by lunarctl site provision and revoke\n")
        .append("# from the site folder; do not edit (rerun them). A username without a block can do nothing.\n")
        .append("# The username is the client certificate's CN (use_identity_as_username).\n");
    for (Identity identity : identities) {
      switch (identity.role()) {
        case BRIDGE -> {
          if (!identity.name().equals(bridge)) {
            continue;
          }
          block(out, "the site broker's bridge", identity);
          AclFile.CONTROLLER_WRITES.forEach(t -> out.append("topic write ").append(prefix).append(t).append('\n'));
          AclFile.CONTROLLER_READS.forEach(t -> out.append("topic read ").append(prefix).append(t).append('\n'));
        }
        case OPERATOR -> {
          block(out, "operator", identity);
          out.append("topic read ").append(Topics.EVERYTHING).append('\n');
          AclFile.CONTROLLER_READS.forEach(t -> out.append("topic write ").append(prefix).append(t).append('\n'));
        }
        case OBSERVER -> {
          block(out, "observer", identity);
          out.append("topic read ").append(Topics.EVERYTHING).append('\n');
        }
        case CONTROLLER -> {
          // a controller talks to its site broker only
        }
      }
    }
    return out.toString();
  }

  private static void block(StringBuilder out, String what, Identity identity) {
    out.append('\n').append("# ").append(what).append(' ').append(identity.name()).append('\n');
    out.append("user ").append(identity.commonName()).append('\n');
  }
}
