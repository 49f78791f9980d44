package space.lunarbase.site;

import space.lunarbase.wire.Topics;

/**
 * The Mosquitto bridge section that joins a site broker to its Earth broker, appended to the site
 * broker's configuration after {@code deploy/mosquitto/site.conf}: TLS with the bridge identity's
 * certificate (files next to the broker's own in {@code /etc/mosquitto/lunarbase/}), QoS 1, a
 * persistent session on both sides ({@code cleansession false}), so messages are queued, not lost,
 * while the link to Earth is down. Out to Earth: what controllers write; in from Earth: commands
 * and rebirth requests (the Earth broker's ACL lets only operators write them).
 */
final class EarthBridgeConf {

  /** Where the site broker finds the bridge's files once installed. */
  static final String FILES = "/etc/mosquitto/lunarbase/";
  /** The bridge's certificate and key inside the broker bundle. */
  static final String CERTIFICATE = "bridge.crt";
  static final String KEY = "bridge.key";

  private EarthBridgeConf() {}

  /** The bridge section for {@code site} to {@code earth}. */
  static String render(String site, SiteManifest.Earth earth) {
    String prefix = Topics.prefix(site, "+");
    StringBuilder out = new StringBuilder();
    out.append("# --- Bridge to Earth: site ").append(site).append(" -> ").append(earth.address()).append(" as ")
        .append(earth.bridge()).append(" ---\n")
        .append("# Written by lunarctl site provision; append it to the site broker's mosquitto.conf after\n")
        .append("# site.conf (deploy/README.md, \"The site bridged to Earth\"). Every option below it belongs to\n")
        .append("# the bridge.\n")
        .append("connection earth\n")
        .append("address ").append(earth.address()).append('\n')
        .append("# The Earth broker names its clients by their certificate's CN: the bridge's is ").append(earth.bridge())
        .append(".\n")
        .append("remote_clientid ").append(earth.bridge()).append('\n')
        .append("# On the site broker the bridge is the identity ").append(earth.bridge())
        .append(" too: the site ACL's bridge block\n")
        .append("# lets it read every topic and write only commands and rebirth requests.\n")
        .append("local_username ").append(earth.bridge()).append('\n')
        .append("bridge_protocol_version mqttv311\n")
        .append("bridge_cafile ").append(FILES).append("ca.crt\n")
        .append("bridge_certfile ").append(FILES).append(CERTIFICATE).append('\n')
        .append("bridge_keyfile ").append(FILES).append(KEY).append('\n')
        .append("bridge_tls_version tlsv1.2\n")
        .append("# Persistent sessions on both sides: while the link is down, the site broker queues what goes\n")
        .append("# to Earth (up to max_queued_messages / max_queued_bytes of site.conf) and the Earth broker\n")
        .append("# what comes back; both drain in order on reconnection.\n")
        .append("cleansession false\n")
        .append("local_cleansession false\n")
        .append("start_type automatic\n")
        .append("# Reconnect after 1 s, backing off (with jitter) to at most 10 s between attempts.\n")
        .append("restart_timeout 1 10\n")
        .append("# A round trip to Earth is 2.6 s: a ping every 30 s, a dead link noticed within 45 s.\n")
        .append("keepalive_interval 30\n")
        .append("# No $SYS notifications: the Earth ACL lets the bridge write only the site's topics.\n")
        .append("notifications false\n")
        .append("# Earth-ward, at QoS 1: what controllers publish.\n");
    AclFile.CONTROLLER_WRITES.forEach(t -> out.append("topic ").append(prefix).append(t).append(" out 1\n"));
    out.append("# Moon-ward, at QoS 1: commands and rebirth requests.\n");
    AclFile.CONTROLLER_READS.forEach(t -> out.append("topic ").append(prefix).append(t).append(" in 1\n"));
    return out.toString();
  }
}
