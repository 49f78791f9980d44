package space.lunarbase.hil;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.ground.cli.Lunarctl;
import space.lunarbase.hil.rig.EventMatch;
import space.lunarbase.hil.rig.Rig;
import space.lunarbase.hil.rig.RigOptions;
import space.lunarbase.hil.rig.Scenario;
import space.lunarbase.site.Provisioner;
import space.lunarbase.site.SiteFolder;
import space.lunarbase.site.SiteManifest;

/**
 * Keys per controller on a provisioned secure site, with the firmware as a process: the rail
 * controller runs on the ring provisioning made for it; a tracker's ring (the same signer's secret
 * for another controller) is refused, the signer's own key file signs through lunarctl, and a
 * revocation takes hold when the ring is reloaded by SIGHUP, without a restart.
 */
class ControllerKeysTest {

  @RegisterExtension
  final Scenario scenario = Scenario.of("0", "Keys per controller",
      "A tracker's key ring is worthless against the rail controller; a revoked key is refused after SIGHUP.");

  @TempDir
  Path work;

  @Test
  void aTrackersRingIsRefusedByTheRailControllerAndARevocationTakesHoldOnReload() throws Exception {
    String controller = RigOptions.defaults().controller();
    Path siteDir = work.resolve("site");
    Provisioner provisioner = new Provisioner(siteDir);
    provisioner.provision(SiteManifest.parse("""
        site: %s
        broker: { hosts: [localhost], ips: [127.0.0.1] }
        controllers: [ { id: %s, families: [rail, bank, tracker] }, { id: trk-ctl-9, families: [tracker] } ]
        operators: [ alice, bob ]
        range-safety: [ rs-1 ]
        """.formatted(Rig.SITE, controller), "site.yml"), Set.of());
    SiteFolder folder = new SiteFolder(siteDir);
    Path ring = work.resolve("keys.yml");
    install(folder.bundle(controller).folder().resolve("keys.yml"), ring);

    Rig rig = scenario.start(RigOptions.defaults().withSecureBroker()
        .with("--lunarbase.commands.key-file=" + ring));
    SiteFolder.Bundle console = rig.site().orElseThrow().bundle(Rig.CONSOLE_IDENTITY);
    List<String> tls = List.of("--broker", rig.brokerUrl(), "--ca", console.caFile().toString(), "--cert",
        console.certificateFile().toString(), "--cert-key", console.keyFile().toString(), "--state-dir",
        work.resolve("lunarctl").toString(), "--timeout", "4s");
    Path trackerRing = folder.bundle("trk-ctl-9").folder().resolve("keys.yml");
    Path aliceKey = folder.bundle("alice").folder().resolve("command-key.yml");
    Path bobKey = folder.bundle("bob").folder().resolve("command-key.yml");

    // whoever opened the tracker holds alice's secret for the tracker: the rail controller refuses it
    LunarctlRun stolen = send(tls, "core.NOOP", trackerRing, "alice");
    assertThat(stolen.exit()).as(stolen.err()).isEqualTo(Lunarctl.EXIT_TIMEOUT);
    assertThat(stolen.err()).contains("BAD_MAC");
    // the tracker's ring holds no range-safety key at all
    assertThat(Files.readString(trackerRing)).doesNotContain("rs-1");

    // alice's own key file: lunarctl derives the rail controller's secret
    LunarctlRun alice = send(tls, "core.NOOP", aliceKey, "alice");
    assertThat(alice.exit()).as(alice.err()).isEqualTo(Lunarctl.EXIT_OK);
    LunarctlRun rangeSafety = send(tls, "rail.SAFE", folder.bundle("rs-1").folder().resolve("command-key.yml"), "rs-1");
    assertThat(rangeSafety.exit()).as(rangeSafety.err()).isEqualTo(Lunarctl.EXIT_OK);

    // bob is revoked; the new ring goes in place and the firmware reads it on SIGHUP
    provisioner.revoke("bob");
    assertThat(send(tls, "core.NOOP", bobKey, "bob").exit()).isEqualTo(Lunarctl.EXIT_OK);
    install(folder.bundle(controller).folder().resolve("keys.yml"), ring);
    var mark = rig.mark();
    hangup(rig.firmware().pid());
    assertThat(rig.awaitEvent(mark, EventMatch.named("KEY_RING_RELOADED"), e -> true, Rig.TIMEOUT).getText())
        .contains("revoked bob");
    LunarctlRun revoked = send(tls, "core.NOOP", bobKey, "bob");
    assertThat(revoked.exit()).as(revoked.err()).isEqualTo(Lunarctl.EXIT_TIMEOUT);
    assertThat(revoked.err()).contains("KEY_REVOKED");
    // alice stays, her counter with her
    assertThat(send(tls, "core.NOOP", aliceKey, "alice").exit()).isEqualTo(Lunarctl.EXIT_OK);

    // a broken ring on reload: refused with an event, the ring before it stays
    Files.writeString(ring, "keys: [ { id: alice } ]\n");
    var broken = rig.mark();
    hangup(rig.firmware().pid());
    assertThat(rig.awaitEvent(broken, EventMatch.named("KEY_RING_NOT_RELOADED"), e -> true, Rig.TIMEOUT).getText())
        .contains(ring.toString()).contains("keys[0] (alice)");
    assertThat(send(tls, "core.NOOP", aliceKey, "alice").exit()).isEqualTo(Lunarctl.EXIT_OK);
    assertThat(rig.firmware().isAlive()).isTrue();
  }

  private static LunarctlRun send(List<String> tls, String command, Path keyFile, String key) {
    List<String> args = new java.util.ArrayList<>(List.of("send", Rig.SITE + "/" + RigOptions.defaults().controller(),
        command, "--key-file", keyFile.toString(), "--key", key));
    args.addAll(tls);
    return LunarctlRun.of(args.toArray(String[]::new));
  }

  /** Copies a provisioned ring to where the firmware reads it, owner-only as provisioning wrote it. */
  private static void install(Path from, Path to) throws IOException {
    Path next = to.resolveSibling(to.getFileName() + ".new");
    Files.copy(from, next, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
    Files.move(next, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static void hangup(long pid) throws Exception {
    Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(pid)).inheritIO().start();
    assertThat(kill.waitFor()).isZero();
  }
}
