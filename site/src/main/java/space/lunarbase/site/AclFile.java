package space.lunarbase.site;

import java.util.List;
import space.lunarbase.wire.Topic.Direction;
import space.lunarbase.wire.Topics;

/**
 * The Mosquitto ACL file of a site (Mosquitto 2.0 {@code acl_file}): one {@code user} block per
 * identity, made from the site state, so each grants exactly what its role allows and nothing
 * else. A client whose username (its certificate's CN) has no block can do nothing.
 *
 * <table>
 *   <caption>What each role may do</caption>
 *   <tr><th>role</th><th>reads</th><th>writes</th></tr>
 *   <tr><td>controller C of site S</td><td>{@code lunarbase/v1/S/C/cmd}, {@code .../rebirth}</td>
 *       <td>{@code lunarbase/v1/S/C/state}, {@code schema}, {@code dictionary}, {@code tlm/#}, {@code evt},
 *       {@code ack}</td></tr>
 *   <tr><td>operator</td><td>{@code lunarbase/v1/#}</td><td>{@code lunarbase/v1/+/+/cmd}, {@code lunarbase/v1/+/+/rebirth}</td></tr>
 *   <tr><td>observer</td><td>{@code lunarbase/v1/#}</td><td>nothing</td></tr>
 *   <tr><td>bridge</td><td>{@code lunarbase/v1/#}</td><td>{@code lunarbase/v1/+/+/cmd}, {@code lunarbase/v1/+/+/rebirth}</td></tr>
 * </table>
 *
 * No {@code pattern} lines: Mosquitto applies a pattern to every user whatever their role, and a
 * controller's CN ({@code S.C}) is one topic level while its topics use two ({@code S/C}), so no
 * {@code %u} substitution could name a controller's subtree. The will a controller registers on its
 * own {@code state} is covered by its write grant (Mosquitto checks it at connect time).
 */
final class AclFile {

  /** What a controller writes below {@code lunarbase/v1/{site}/{controller}/}. */
  static final List<String> CONTROLLER_WRITES = Topics.streams(Direction.FROM_CONTROLLER);
  /** What a controller reads below its own prefix. */
  static final List<String> CONTROLLER_READS = Topics.streams(Direction.TO_CONTROLLER);

  private AclFile() {}

  /** The ACL text for {@code identities} on {@code site}. */
  static String render(String site, List<Identity> identities) {
    StringBuilder out = new StringBuilder();
    out.append("# Mosquitto ACL of site ").append(site).append(": written by lunarctl site provision and revoke from")
        .append(" the site folder;\n")
        .append("# do not edit (rerun them). One block per identity; a username without a block can do nothing.\n")
        .append("# The username is the client certificate's CN (use_identity_as_username).\n");
    for (Identity identity : identities) {
      out.append('\n').append("# ").append(identity.role().word()).append(' ').append(identity.name()).append('\n');
      out.append("user ").append(identity.commonName()).append('\n');
      switch (identity.role()) {
        case CONTROLLER -> {
          String prefix = Topics.prefix(site, identity.name());
          CONTROLLER_WRITES.forEach(t -> out.append("topic write ").append(prefix).append(t).append('\n'));
          CONTROLLER_READS.forEach(t -> out.append("topic read ").append(prefix).append(t).append('\n'));
          // the link's receive-path probe: published to itself and read back (docs/subsystems/link.md, "The receive path")
          out.append("topic readwrite lunarbase/probe/").append(identity.commonName()).append('\n');
        }
        case OPERATOR, BRIDGE -> {
          out.append("topic read ").append(Topics.EVERYTHING).append('\n');
          CONTROLLER_READS.forEach(t -> out.append("topic write ").append(Topics.prefix("+", "+")).append(t).append('\n'));
        }
        case OBSERVER -> out.append("topic read ").append(Topics.EVERYTHING).append('\n');
      }
    }
    return out.toString();
  }
}
