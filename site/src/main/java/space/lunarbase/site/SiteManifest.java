package space.lunarbase.site;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.bouncycastle.util.IPAddress;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * A site manifest: the site's id, the names the broker answers to, and every identity by role.
 *
 * <pre>
 * site: lunar-south
 * broker: { hosts: [localhost, broker.lunar-south.site], ips: [127.0.0.1] }   # the broker certificate's SANs
 * controllers: [ { id: bank-ctl-1, families: [bank] }, { id: rail-ctl-1, families: [rail, bank] } ]
 * operators: [ alice ]
 * range-safety: [ range-safety-1 ]                                             # optional
 * observers: [ ground-station ]
 * bridges: [ earth-bridge ]                                                    # optional
 * earth: { broker: { hosts: [earth.example.org], ips: [] }, bridge: moon-bridge } # optional
 * </pre>
 *
 * Ids and names are {@code [a-z0-9-]+} of at most 64 characters (a controller's CN,
 * {@code site.id}, too); a name appears once, in one role. {@link #parse} refuses anything else
 * with one line naming the entry. Range safety's officers are operators on the broker; their
 * command keys have the range-safety role and go only to controllers with the {@code rail} family.
 *
 * @param site the site's id
 * @param broker the host names and addresses clients reach the broker by
 * @param controllers the controller boards
 * @param operators people and tools that command, with an operator command key
 * @param observers read-only consumers
 * @param bridges bridges to Earth (the {@code earth} section's bridge among them)
 * @param earth the Earth broker the site broker bridges to, if any
 * @param rangeSafety range safety's officers: they command with a range-safety key
 */
public record SiteManifest(String site, BrokerNames broker, List<Controller> controllers, List<String> operators,
                           List<String> observers, List<String> bridges, Optional<Earth> earth,
                           List<String> rangeSafety) {

  /** What an id or a name may be. */
  public static final Pattern NAME = Pattern.compile("[a-z0-9-]+");
  /** The longest CN (X.520's upper bound for a common name). */
  public static final int MAX_NAME = 64;
  /** The hardware families a controller can run. */
  public static final List<String> FAMILIES = List.of("bank", "rail", "tracker");

  private static final List<String> TOP_KEYS = List.of("site", "broker", "controllers", "operators", "range-safety",
      "observers", "bridges", "earth");
  private static final Pattern HOST = Pattern.compile(
      "(?i)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");

  /**
   * The names in the broker's certificate.
   *
   * @param hosts DNS names
   * @param ips IPv4 or IPv6 addresses
   */
  public record BrokerNames(List<String> hosts, List<String> ips) {
    public BrokerNames {
      hosts = List.copyOf(hosts);
      ips = List.copyOf(ips);
    }
  }

  /**
   * A controller board.
   *
   * @param id its id, as in its topics
   * @param families what hardware it runs
   */
  public record Controller(String id, List<String> families) {
    public Controller {
      families = List.copyOf(families);
    }
  }

  /**
   * The Earth side of a site: the broker on Earth that the site broker's bridge connects to, and
   * the bridge identity it connects as.
   *
   * @param broker the Earth broker's host names and addresses (its certificate's SANs); the first
   *     host, else the first address, is what the bridge dials
   * @param port the Earth broker's TLS port (8883 unless given)
   * @param bridge the bridge identity's name (its certificate's CN): also one of {@link #bridges()}
   */
  public record Earth(BrokerNames broker, int port, String bridge) {
    /** What the site broker's bridge dials: {@code host:port}. */
    public String address() {
      String host = broker.hosts().isEmpty() ? broker.ips().getFirst() : broker.hosts().getFirst();
      return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
  }

  /** A manifest without an Earth side or range safety's officers. */
  public SiteManifest(String site, BrokerNames broker, List<Controller> controllers, List<String> operators,
                      List<String> observers, List<String> bridges) {
    this(site, broker, controllers, operators, observers, bridges, Optional.empty(), List.of());
  }

  /** A manifest without range safety's officers. */
  public SiteManifest(String site, BrokerNames broker, List<Controller> controllers, List<String> operators,
                      List<String> observers, List<String> bridges, Optional<Earth> earth) {
    this(site, broker, controllers, operators, observers, bridges, earth, List.of());
  }

  public SiteManifest {
    controllers = List.copyOf(controllers);
    operators = List.copyOf(operators);
    observers = List.copyOf(observers);
    bridges = List.copyOf(bridges);
    rangeSafety = List.copyOf(rangeSafety);
  }

  /**
   * Every identity, controllers first, then operators, range safety's officers (operators on the
   * broker), observers, bridges, each in manifest order.
   */
  public List<Identity> identities() {
    List<Identity> out = new ArrayList<>();
    controllers.forEach(c -> out.add(Identity.of(site, c.id(), Role.CONTROLLER, c.families())));
    operators.forEach(n -> out.add(Identity.of(site, n, Role.OPERATOR, List.of())));
    rangeSafety.forEach(n -> out.add(Identity.of(site, n, Role.OPERATOR, List.of())));
    observers.forEach(n -> out.add(Identity.of(site, n, Role.OBSERVER, List.of())));
    bridges.forEach(n -> out.add(Identity.of(site, n, Role.BRIDGE, List.of())));
    return out;
  }

  /** Reads and checks the manifest in {@code file}. */
  public static SiteManifest read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw bad(file.toString(), "cannot be read (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
    }
    return parse(text, file.toString());
  }

  /** Parses and checks manifest YAML; {@code source} names it in messages. */
  public static SiteManifest parse(String yaml, String source) {
    Object root;
    try {
      root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    } catch (YAMLException e) {
      throw bad(source, "is not YAML: " + oneLine(e.getMessage()));
    }
    if (!(root instanceof Map<?, ?> top)) {
      throw bad(source, "must be a mapping with site, broker, controllers, operators, observers (and bridges)");
    }
    onlyKeys(source, "", top, TOP_KEYS);
    if (top.get("site") == null) {
      throw bad(source, "site is missing: the site's id, e.g. 'site: lunar-south'");
    }
    String site = name(source, "site", top.get("site"));
    BrokerNames broker = broker(source, top.get("broker"));

    List<Controller> controllers = new ArrayList<>();
    List<?> list = list(source, "controllers", top.get("controllers"));
    for (int i = 0; i < list.size(); i++) {
      controllers.add(controller(source, site, i, list.get(i)));
    }
    List<String> operators = names(source, "operators", top.get("operators"));
    List<String> rangeSafety = names(source, "range-safety", top.get("range-safety"));
    List<String> observers = names(source, "observers", top.get("observers"));
    List<String> bridges = new ArrayList<>(names(source, "bridges", top.get("bridges")));
    Optional<Earth> earth = earth(source, top.get("earth"));
    earth.filter(e -> !bridges.contains(e.bridge())).ifPresent(e -> bridges.add(e.bridge()));

    Map<String, String> roleOf = new LinkedHashMap<>();
    unique(source, roleOf, "controller", controllers.stream().map(Controller::id).toList());
    unique(source, roleOf, "operator", operators);
    unique(source, roleOf, "range-safety officer", rangeSafety);
    unique(source, roleOf, "observer", observers);
    unique(source, roleOf, "bridge", bridges);
    return new SiteManifest(site, broker, controllers, operators, observers, bridges, earth, rangeSafety);
  }

  /** Whether {@code name} commands with a range-safety key. */
  public boolean isRangeSafety(String name) {
    return rangeSafety.contains(name);
  }

  private static Optional<Earth> earth(String source, Object value) {
    if (value == null) {
      return Optional.empty();
    }
    if (!(value instanceof Map<?, ?> map)) {
      throw bad(source, "earth must be a mapping of broker, bridge (and port), e.g."
          + " 'earth: { broker: { hosts: [earth.example.org] }, bridge: moon-bridge }'");
    }
    onlyKeys(source, "earth: ", map, List.of("broker", "bridge", "port"));
    if (map.get("broker") == null) {
      throw bad(source, "earth.broker is missing: the names the site's bridge reaches the Earth broker by");
    }
    BrokerNames names = broker(source, "earth.broker", map.get("broker"));
    if (map.get("bridge") == null) {
      throw bad(source, "earth.bridge is missing: the name the site broker's bridge connects to Earth as,"
          + " e.g. 'bridge: moon-bridge'");
    }
    String bridge = name(source, "earth.bridge", map.get("bridge"));
    Object port = map.get("port") == null ? 8883 : map.get("port");
    if (!(port instanceof Integer p) || p < 1 || p > 65535) {
      throw bad(source, "earth.port: '" + port + "' is not a TCP port (1 to 65535)");
    }
    return Optional.of(new Earth(names, p, bridge));
  }

  private static BrokerNames broker(String source, Object value) {
    if (value == null) {
      throw bad(source, "broker is missing: the names clients reach it by, e.g."
          + " 'broker: { hosts: [broker.lunar-south.site], ips: [10.0.0.2] }'");
    }
    return broker(source, "broker", value);
  }

  private static BrokerNames broker(String source, String key, Object value) {
    if (!(value instanceof Map<?, ?> map)) {
      throw bad(source, key + " must be a mapping of hosts and ips");
    }
    onlyKeys(source, key + ": ", map, List.of("hosts", "ips"));
    List<String> hosts = new ArrayList<>();
    for (Object host : list(source, key + ".hosts", map.get("hosts"))) {
      if (!(host instanceof String h) || h.length() > 253 || !HOST.matcher(h).matches()) {
        throw bad(source, key + ".hosts: '" + host + "' is not a DNS name");
      }
      hosts.add(h);
    }
    List<String> ips = new ArrayList<>();
    for (Object ip : list(source, key + ".ips", map.get("ips"))) {
      if (!(ip instanceof String a) || !(IPAddress.isValidIPv4(a) || IPAddress.isValidIPv6(a))) {
        throw bad(source, key + ".ips: '" + ip + "' is not an IPv4 or IPv6 address");
      }
      ips.add(a);
    }
    if (hosts.isEmpty() && ips.isEmpty()) {
      throw bad(source, key + ": give at least one of hosts and ips (the names clients check the broker by)");
    }
    return new BrokerNames(hosts, ips);
  }

  private static Controller controller(String source, String site, int index, Object item) {
    String where = "controllers[" + index + "]";
    if (!(item instanceof Map<?, ?> map)) {
      throw bad(source, where + ": must be a mapping of id and families, e.g. { id: bank-ctl-1, families: [bank] }");
    }
    Object idValue = map.get("id");
    if (idValue == null) {
      throw bad(source, where + ": id is missing");
    }
    String id = name(source, where + ".id", idValue);
    where += " (" + id + ")";
    onlyKeys(source, where + ": ", map, List.of("id", "families"));
    if (Identity.commonName(site, id, Role.CONTROLLER).length() > MAX_NAME) {
      throw bad(source, where + ": its certificate name '" + site + "." + id + "' is longer than " + MAX_NAME
          + " characters");
    }
    List<?> given = list(source, where + ".families", map.get("families"));
    if (given.isEmpty()) {
      throw bad(source, where + ": families is missing: one or more of " + String.join(", ", FAMILIES));
    }
    Set<String> families = new LinkedHashSet<>();
    for (Object family : given) {
      if (!(family instanceof String f) || !FAMILIES.contains(f)) {
        throw bad(source, where + ".families: '" + family + "' is not a family (" + String.join(", ", FAMILIES) + ")");
      }
      if (!families.add(f)) {
        throw bad(source, where + ".families: '" + f + "' is listed twice");
      }
    }
    return new Controller(id, List.copyOf(families));
  }

  private static List<String> names(String source, String key, Object value) {
    List<String> out = new ArrayList<>();
    for (Object item : list(source, key, value)) {
      out.add(name(source, key, item));
    }
    return out;
  }

  private static void unique(String source, Map<String, String> roleOf, String role, List<String> names) {
    for (String name : names) {
      String before = roleOf.putIfAbsent(name, role);
      if (before != null && before.equals(role)) {
        throw bad(source, "'" + name + "' is listed twice as " + article(role));
      }
      if (before != null) {
        throw bad(source, "'" + name + "' is both " + article(before) + " and " + article(role)
            + ": a name has one role");
      }
    }
  }

  private static String article(String role) {
    return ("aeiou".indexOf(role.charAt(0)) >= 0 ? "an " : "a ") + role;
  }

  private static String name(String source, String where, Object value) {
    if (!(value instanceof String s) || !NAME.matcher(s).matches() || s.length() > MAX_NAME) {
      throw bad(source, where + ": '" + value + "' is not a name (1 to " + MAX_NAME + " of a-z, 0-9 and '-')");
    }
    return s;
  }

  private static List<?> list(String source, String where, Object value) {
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list)) {
      throw bad(source, where + " must be a list, e.g. [a, b]");
    }
    return list;
  }

  private static void onlyKeys(String source, String where, Map<?, ?> map, List<String> allowed) {
    for (Object key : map.keySet()) {
      if (!allowed.contains(String.valueOf(key))) {
        throw bad(source, where + "unknown key '" + key + "' (allowed: " + String.join(", ", allowed) + ")");
      }
    }
  }

  private static String oneLine(String message) {
    return String.valueOf(message).replaceAll("\\s+", " ").strip();
  }

  private static SiteException bad(String source, String detail) {
    return new SiteException(SiteException.Kind.MANIFEST, source + ": " + detail);
  }
}
