package space.lunarbase.site;

import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * What a site folder has issued ({@code state.yml}): the site, the broker certificate's names and
 * serial, every identity with its role, CN and current serial, every revoked serial, and the CRL's
 * number and time. Provisioning compares the manifest with it to add only what is new; revocation
 * and the ACL are made from it alone.
 *
 * @param site the site's id
 * @param broker the broker certificate
 * @param earth the Earth broker's certificate, for a site bridged to Earth
 * @param identities every identity ever issued, in issue order
 * @param revocations every revoked serial, in revocation order
 * @param crlNumber the number of the CRL last written
 * @param crlUpdate when the CRL last written was issued
 */
record SiteState(String site, Broker broker, Optional<Earth> earth, List<Issued> identities, List<Revocation> revocations, long crlNumber,
                 Instant crlUpdate) {

  /** The broker certificate: the names it was issued for, and its serial. */
  record Broker(List<String> hosts, List<String> ips, BigInteger serial) {
    Broker {
      hosts = List.copyOf(hosts);
      ips = List.copyOf(ips);
    }
  }

  /** The Earth broker's certificate, and the bridge identity the Earth ACL lets in. */
  record Earth(Broker broker, String bridge) {}

  /** One identity: its current certificate's serial, and whether it is revoked. */
  record Issued(Identity identity, BigInteger serial, Instant issued, boolean revoked) {}

  /** One revoked serial. {@code superseded}: replaced by a new certificate rather than shut out. */
  record Revocation(BigInteger serial, String name, Instant at, boolean superseded) {}

  SiteState {
    identities = List.copyOf(identities);
    revocations = List.copyOf(revocations);
  }

  Optional<Issued> find(String name) {
    return identities.stream().filter(i -> i.identity().name().equals(name)).findFirst();
  }

  /** Identities whose certificate is not revoked, in issue order: the ones the ACL lets in. */
  List<Identity> active() {
    return identities.stream().filter(i -> !i.revoked()).map(Issued::identity).toList();
  }

  /** This state as the YAML of {@code state.yml}. */
  String yaml() {
    StringBuilder out = new StringBuilder();
    out.append("# The site folder's record of what it issued: written by lunarctl site; do not edit.\n");
    out.append("site: ").append(site).append('\n');
    out.append("broker:\n");
    out.append("  hosts: ").append(flow(broker.hosts())).append('\n');
    out.append("  ips: ").append(flow(broker.ips().stream().map(SiteState::quoted).toList())).append('\n');
    out.append("  serial: '").append(broker.serial().toString(16)).append("'\n");
    earth.ifPresent(e -> {
      out.append("earth:\n");
      out.append("  hosts: ").append(flow(e.broker().hosts())).append('\n');
      out.append("  ips: ").append(flow(e.broker().ips().stream().map(SiteState::quoted).toList())).append('\n');
      out.append("  serial: '").append(e.broker().serial().toString(16)).append("'\n");
      out.append("  bridge: ").append(e.bridge()).append('\n');
    });
    out.append("crl:\n");
    out.append("  number: ").append(crlNumber).append('\n');
    out.append("  issued: '").append(crlUpdate).append("'\n");
    out.append("identities:\n");
    for (Issued i : identities) {
      Identity id = i.identity();
      out.append("  - name: ").append(id.name()).append('\n');
      out.append("    role: ").append(id.role().word()).append('\n');
      out.append("    cn: ").append(id.commonName()).append('\n');
      if (!id.families().isEmpty()) {
        out.append("    families: ").append(flow(id.families())).append('\n');
      }
      out.append("    serial: '").append(i.serial().toString(16)).append("'\n");
      out.append("    issued: '").append(i.issued()).append("'\n");
      out.append("    revoked: ").append(i.revoked()).append('\n');
    }
    out.append("revocations:\n");
    for (Revocation r : revocations) {
      out.append("  - serial: '").append(r.serial().toString(16)).append("'\n");
      out.append("    name: ").append(r.name()).append('\n');
      out.append("    at: '").append(r.at()).append("'\n");
      out.append("    superseded: ").append(r.superseded()).append('\n');
    }
    return out.toString();
  }

  /** Reads the YAML of {@code state.yml}; {@code source} names it in errors. */
  static SiteState parse(String yaml, String source) {
    try {
      Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
      Map<?, ?> top = map(root, "the file");
      Map<?, ?> broker = map(top.get("broker"), "broker");
      Map<?, ?> crl = map(top.get("crl"), "crl");
      List<Issued> identities = new ArrayList<>();
      for (Object item : list(top.get("identities"), "identities")) {
        Map<?, ?> m = map(item, "an identity");
        String name = text(m.get("name"), "identity name");
        Role role = Role.ofWord(text(m.get("role"), name + ".role"));
        List<String> families = m.get("families") == null ? List.of() : strings(m.get("families"), name + ".families");
        Identity identity = new Identity(name, role, text(m.get("cn"), name + ".cn"), families);
        identities.add(new Issued(identity, hex(m.get("serial"), name + ".serial"),
            Instant.parse(text(m.get("issued"), name + ".issued")), Boolean.TRUE.equals(m.get("revoked"))));
      }
      List<Revocation> revocations = new ArrayList<>();
      for (Object item : list(top.get("revocations"), "revocations")) {
        Map<?, ?> m = map(item, "a revocation");
        revocations.add(new Revocation(hex(m.get("serial"), "revocation serial"), text(m.get("name"), "revocation name"),
            Instant.parse(text(m.get("at"), "revocation time")), Boolean.TRUE.equals(m.get("superseded"))));
      }
      return new SiteState(text(top.get("site"), "site"),
          new Broker(strings(broker.get("hosts"), "broker.hosts"), strings(broker.get("ips"), "broker.ips"),
              hex(broker.get("serial"), "broker.serial")),
          top.get("earth") == null ? Optional.empty() : Optional.of(earth(map(top.get("earth"), "earth"))),
          identities, revocations, ((Number) crl.get("number")).longValue(),
          Instant.parse(text(crl.get("issued"), "crl.issued")));
    } catch (YAMLException | IllegalArgumentException | DateTimeParseException | ClassCastException
             | NullPointerException e) {
      throw new SiteException(SiteException.Kind.FOLDER, source + ": damaged (" + e.getMessage() + ")", e);
    }
  }

  private static Earth earth(Map<?, ?> earth) {
    return new Earth(new Broker(strings(earth.get("hosts"), "earth.hosts"), strings(earth.get("ips"), "earth.ips"),
        hex(earth.get("serial"), "earth.serial")), text(earth.get("bridge"), "earth.bridge"));
  }

  private static String flow(List<String> items) {
    return "[" + String.join(", ", items) + "]";
  }

  private static String quoted(String s) {
    return "'" + s + "'";
  }

  private static Map<?, ?> map(Object value, String what) {
    if (value instanceof Map<?, ?> m) {
      return m;
    }
    throw new IllegalArgumentException(what + " is not a mapping");
  }

  private static List<?> list(Object value, String what) {
    if (value == null) {
      return List.of();
    }
    if (value instanceof List<?> l) {
      return l;
    }
    throw new IllegalArgumentException(what + " is not a list");
  }

  private static List<String> strings(Object value, String what) {
    return list(value, what).stream().map(String::valueOf).toList();
  }

  private static String text(Object value, String what) {
    if (value == null) {
      throw new IllegalArgumentException(what + " is missing");
    }
    return String.valueOf(value);
  }

  private static BigInteger hex(Object value, String what) {
    return new BigInteger(text(value, what), 16);
  }
}
