package space.lunarbase.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SiteManifestTest {

  static final String EXAMPLE = """
      site: lunar-south
      broker: { hosts: [localhost, broker.lunar-south.site], ips: [127.0.0.1] }   # SANs of the broker cert
      controllers: [ { id: bank-ctl-1, families: [bank] }, { id: rail-ctl-1, families: [rail, bank] }, { id: trk-ctl-1, families: [tracker] } ]
      operators: [ alice ]
      range-safety: [ range-safety-1 ]
      observers: [ ground-station ]
      """;

  @Test
  void the_example_reads_with_every_identity_and_its_certificate_name() {
    SiteManifest manifest = SiteManifest.parse(EXAMPLE, "m.yml");
    assertThat(manifest.site()).isEqualTo("lunar-south");
    assertThat(manifest.broker().hosts()).containsExactly("localhost", "broker.lunar-south.site");
    assertThat(manifest.broker().ips()).containsExactly("127.0.0.1");
    assertThat(manifest.bridges()).isEmpty();
    assertThat(manifest.identities()).containsExactly(
        new Identity("bank-ctl-1", Role.CONTROLLER, "lunar-south.bank-ctl-1", List.of("bank")),
        new Identity("rail-ctl-1", Role.CONTROLLER, "lunar-south.rail-ctl-1", List.of("rail", "bank")),
        new Identity("trk-ctl-1", Role.CONTROLLER, "lunar-south.trk-ctl-1", List.of("tracker")),
        new Identity("alice", Role.OPERATOR, "alice", List.of()),
        new Identity("range-safety-1", Role.OPERATOR, "range-safety-1", List.of()),
        new Identity("ground-station", Role.OBSERVER, "ground-station", List.of()));
  }

  @Test
  void bridges_are_optional_and_read_when_given() {
    SiteManifest manifest = SiteManifest.parse("site: s\nbroker: { ips: ['::1'] }\nbridges: [earth-bridge]\n", "m");
    assertThat(manifest.identities()).containsExactly(new Identity("earth-bridge", Role.BRIDGE, "earth-bridge",
        List.of()));
    assertThat(manifest.broker().ips()).containsExactly("::1");
  }

  @Test
  void an_earth_side_names_its_broker_and_makes_its_bridge_an_identity() {
    SiteManifest manifest = SiteManifest.parse("site: s\nbroker: { hosts: [h] }\n"
        + "earth: { broker: { hosts: [earth.example.org], ips: [192.0.2.7] }, bridge: moon-bridge }\n", "m");
    SiteManifest.Earth earth = manifest.earth().orElseThrow();
    assertThat(earth.broker().hosts()).containsExactly("earth.example.org");
    assertThat(earth.address()).isEqualTo("earth.example.org:8883");
    assertThat(manifest.identities()).containsExactly(new Identity("moon-bridge", Role.BRIDGE, "moon-bridge",
        List.of()));
    assertThat(SiteManifest.parse("site: s\nbroker: { hosts: [h] }\nbridges: [moon-bridge]\n"
        + "earth: { broker: { ips: ['::1'] }, bridge: moon-bridge, port: 18883 }\n", "m").earth().orElseThrow()
        .address()).isEqualTo("[::1]:18883");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
      unknown top key           | site: s\\nbroker: {hosts: [h]}\\noperator: [alice]                             | m.yml: unknown key 'operator' (allowed: site, broker, controllers, operators, range-safety, observers, bridges, earth)
      unknown controller key    | site: s\\nbroker: {hosts: [h]}\\ncontrollers: [{id: c, famlies: [bank]}]      | m.yml: controllers[0] (c): unknown key 'famlies' (allowed: id, families)
      unknown broker key        | site: s\\nbroker: {host: [h]}                                                 | m.yml: broker: unknown key 'host' (allowed: hosts, ips)
      missing site              | broker: {hosts: [h]}\\noperators: [alice]                                     | m.yml: site is missing: the site's id, e.g. 'site: lunar-south'
      missing broker            | site: s\\noperators: [alice]                                                  | m.yml: broker is missing
      broker without names      | site: s\\nbroker: {hosts: []}                                                 | m.yml: broker: give at least one of hosts and ips
      upper case id             | site: s\\nbroker: {hosts: [h]}\\ncontrollers: [{id: Bank-1, families: [bank]}] | m.yml: controllers[0].id: 'Bank-1' is not a name (1 to 64 of a-z, 0-9 and '-')
      underscore in a name      | site: s\\nbroker: {hosts: [h]}\\noperators: [alice_b]                         | m.yml: operators: 'alice_b' is not a name
      bad site                  | site: Lunar South\\nbroker: {hosts: [h]}                                      | m.yml: site: 'Lunar South' is not a name
      number as a name          | site: s\\nbroker: {hosts: [h]}\\nobservers: [42]                              | m.yml: observers: '42' is not a name
      duplicate in a role       | site: s\\nbroker: {hosts: [h]}\\noperators: [alice, alice]                    | m.yml: 'alice' is listed twice as an operator
      duplicate controller      | site: s\\nbroker: {hosts: [h]}\\ncontrollers: [{id: c, families: [bank]}, {id: c, families: [rail]}] | m.yml: 'c' is listed twice as a controller
      name in two roles         | site: s\\nbroker: {hosts: [h]}\\noperators: [alice]\\nobservers: [alice]       | m.yml: 'alice' is both an operator and an observer: a name has one role
      controller and operator   | site: s\\nbroker: {hosts: [h]}\\ncontrollers: [{id: x, families: [bank]}]\\nbridges: [x] | m.yml: 'x' is both a controller and a bridge
      unknown family            | site: s\\nbroker: {hosts: [h]}\\ncontrollers: [{id: c, families: [solar]}]    | m.yml: controllers[0] (c).families: 'solar' is not a family (bank, rail, tracker)
      no families               | site: s\\nbroker: {hosts: [h]}\\ncontrollers: [{id: c}]                       | m.yml: controllers[0] (c): families is missing
      controller without id     | site: s\\nbroker: {hosts: [h]}\\ncontrollers: [{families: [bank]}]            | m.yml: controllers[0]: id is missing
      bad address               | site: s\\nbroker: {ips: [10.0.0.300]}                                         | m.yml: broker.ips: '10.0.0.300' is not an IPv4 or IPv6 address
      bad host                  | site: s\\nbroker: {hosts: ['a b']}                                            | m.yml: broker.hosts: 'a b' is not a DNS name
      operator and range safety | site: s\\nbroker: {hosts: [h]}\\noperators: [a]\\nrange-safety: [a]             | m.yml: 'a' is both an operator and a range-safety officer
      operators not a list      | site: s\\nbroker: {hosts: [h]}\\noperators: alice                             | m.yml: operators must be a list
      not a mapping             | - a\\n- b                                                                     | m.yml: must be a mapping
      not YAML                  | site: [unclosed                                                              | m.yml: is not YAML:
      earth without broker      | site: s\\nbroker: {hosts: [h]}\\nearth: {bridge: b}                           | m.yml: earth.broker is missing
      earth without bridge      | site: s\\nbroker: {hosts: [h]}\\nearth: {broker: {hosts: [e]}}                | m.yml: earth.bridge is missing
      earth bad host            | site: s\\nbroker: {hosts: [h]}\\nearth: {broker: {hosts: ['e f']}, bridge: b} | m.yml: earth.broker.hosts: 'e f' is not a DNS name
      earth bad port            | site: s\\nbroker: {hosts: [h]}\\nearth: {broker: {hosts: [e]}, bridge: b, port: 70000} | m.yml: earth.port: '70000' is not a TCP port
      earth unknown key         | site: s\\nbroker: {hosts: [h]}\\nearth: {broker: {hosts: [e]}, bridge: b, via: x} | m.yml: earth: unknown key 'via'
      earth bridge an operator  | site: s\\nbroker: {hosts: [h]}\\noperators: [b]\\nearth: {broker: {hosts: [e]}, bridge: b} | m.yml: 'b' is both an operator and a bridge
      """)
  void a_bad_manifest_is_refused_with_one_line_naming_the_entry(String what, String yaml, String message) {
    assertThatThrownBy(() -> SiteManifest.parse(yaml.replace("\\n", "\n"), "m.yml"))
        .isInstanceOf(SiteException.class)
        .satisfies(e -> assertThat(((SiteException) e).kind()).isEqualTo(SiteException.Kind.MANIFEST))
        .hasMessageStartingWith(message)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void a_controller_whose_certificate_name_would_pass_64_characters_is_refused() {
    String id = "c".repeat(60);
    assertThatThrownBy(() -> SiteManifest.parse("site: lunar-south\nbroker: {hosts: [h]}\ncontrollers: [{id: " + id
        + ", families: [bank]}]", "m.yml"))
        .hasMessageContaining("its certificate name 'lunar-south." + id + "' is longer than 64 characters");
  }
}
