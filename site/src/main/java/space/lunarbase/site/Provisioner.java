package space.lunarbase.site;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import space.lunarbase.site.Report.Action;
import space.lunarbase.site.SiteState.Issued;
import space.lunarbase.site.SiteState.Revocation;

/**
 * Provisions a site folder ({@link SiteFolder}) from a manifest, and revokes identities in it.
 *
 * <p>The first run makes the CA, the broker's key and certificate, a key and certificate per
 * identity, the ACL and an empty CRL. Later runs add only what is new in the manifest and leave
 * every existing key and certificate byte for byte; an identity's role may change between
 * operator, observer and bridge (the ACL follows, the certificate stays); the broker's certificate
 * is reissued when its names change. An identity dropped from the manifest stays valid until it is
 * revoked. A revoked identity stays revoked even if the manifest still lists it, unless it is
 * named in {@code reissue}, which gives it a new key and certificate (and puts the old serial in
 * the CRL): also the way to replace a key that may have leaked.
 *
 * <p>It also issues the command keys ({@link CommandKeys}): a master per operator and range-safety
 * officer, and per controller a ring of the secrets derived for it; a revocation lists the signer
 * under every ring's {@code revoked:}, a reissue gives it a new master.
 */
public final class Provisioner {

  private final SiteFolder folder;
  private final Clock clock;
  private final SecureRandom random;

  public Provisioner(SiteFolder folder, Clock clock, SecureRandom random) {
    this.folder = folder;
    this.clock = clock;
    this.random = random;
  }

  /** A provisioner of {@code dir} with the system clock. */
  public Provisioner(Path dir) {
    this(new SiteFolder(dir), Clock.systemUTC(), new SecureRandom());
  }

  public SiteFolder folder() {
    return folder;
  }

  /** Brings the folder up to {@code manifest}; {@code reissue} names identities to give new keys. */
  public Report provision(SiteManifest manifest, Set<String> reissue) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Report.Builder report = new Report.Builder();
    Optional<SiteState> before = folder.readState();
    Set<String> listed = manifest.identities().stream().map(Identity::name).collect(Collectors.toSet());
    for (String name : reissue) {
      if (!listed.contains(name)) {
        throw new SiteException(SiteException.Kind.UNKNOWN_NAME, "cannot reissue '" + name
            + "': the manifest does not list it");
      }
    }

    CertificateAuthority ca;
    if (before.isEmpty()) {
      if (!folder.isFresh()) {
        throw folderError(folder.dir() + " is not empty and holds no state.yml: provision a new site into an empty"
            + " or new folder");
      }
      SecureFiles.folder(folder.dir());
      ca = CertificateAuthority.create(manifest.site(), now, random, (crt, key) -> {
        SecureFiles.write(folder.caCertificate(), crt);
        SecureFiles.write(folder.caKey(), key);
      });
      report.add(Action.CREATED, "ca", folder.relative(folder.caCertificate()) + ": CN=" + manifest.site()
          + " site CA, valid until " + ca.notAfter().truncatedTo(ChronoUnit.DAYS));
    } else {
      if (!before.get().site().equals(manifest.site())) {
        throw new SiteException(SiteException.Kind.MANIFEST, folder.dir() + " holds site '" + before.get().site()
            + "'; the manifest is for '" + manifest.site() + "'");
      }
      ca = loadCa();
      report.add(Action.KEPT, "ca", folder.relative(folder.caCertificate()));
    }
    byte[] caPem = SecureFiles.read(folder.caCertificate());

    List<Issued> identities = new ArrayList<>(before.map(SiteState::identities).orElse(List.of()));
    List<Revocation> revocations = new ArrayList<>(before.map(SiteState::revocations).orElse(List.of()));
    SiteState.Broker broker = broker(manifest, before, ca, caPem, now, revocations, report);
    Optional<SiteState.Earth> earth = manifest.earth().isPresent()
        ? Optional.of(new SiteState.Earth(earthBroker(manifest, before, ca, caPem, now, revocations, report),
            manifest.earth().get().bridge()))
        : before.flatMap(SiteState::earth);

    for (Identity wanted : manifest.identities()) {
      int index = indexOf(identities, wanted.name());
      if (index < 0) {
        CertificateAuthority.Issued issued = writeBundle(ca, caPem, wanted, now);
        identities.add(new Issued(wanted, issued.serial(), now, false));
        report.add(Action.CREATED, wanted.name(), describe(wanted) + ", bundle "
            + folder.relative(folder.bundle(wanted.name()).folder()));
        continue;
      }
      Issued had = identities.get(index);
      checkRoleChange(had.identity(), wanted);
      if (reissue.contains(wanted.name())) {
        if (!had.revoked()) {
          revocations.add(new Revocation(had.serial(), wanted.name(), now, true));
        }
        CertificateAuthority.Issued issued = writeBundle(ca, caPem, wanted, now);
        identities.set(index, new Issued(wanted, issued.serial(), now, false));
        report.add(Action.REISSUED, wanted.name(), describe(wanted) + ": new key and certificate; the old serial "
            + had.serial().toString(16) + " is in the CRL");
      } else if (had.revoked()) {
        report.add(Action.STILL_REVOKED, wanted.name(), "revoked; not reissued (--reissue " + wanted.name()
            + " gives it a new key and certificate)");
      } else {
        checkBundle(wanted.name(), caPem);
        if (!had.identity().equals(wanted)) {
          identities.set(index, new Issued(wanted, had.serial(), had.issued(), false));
          report.add(Action.CHANGED, wanted.name(), describe(had.identity()) + " -> " + describe(wanted)
              + "; certificate kept");
        } else {
          report.add(Action.KEPT, wanted.name(), describe(wanted));
        }
      }
    }
    for (Issued i : identities) {
      if (!listed.contains(i.identity().name()) && !i.revoked()) {
        report.add(Action.UNLISTED, i.identity().name(), describe(i.identity())
            + ": not in the manifest, still valid (lunarctl site revoke " + i.identity().name() + " shuts it out)");
      }
    }

    new CommandKeys(folder, random).provision(manifest, identities, reissue, now, report);

    manifest.earth().ifPresent(e -> bridge(manifest.site(), e, report));
    SiteState state = new SiteState(manifest.site(), broker, earth, identities, revocations,
        before.map(SiteState::crlNumber).orElse(0L), before.map(SiteState::crlUpdate).orElse(Instant.EPOCH));
    boolean revocationsChanged = before.isEmpty() || !before.get().revocations().equals(revocations)
        || !Files.exists(folder.broker().crlFile());
    finish(ca, state, revocationsChanged, now, report);
    return report.build();
  }

  /**
   * Revokes the identity named {@code name} (its manifest name, or its certificate's CN): its
   * serial goes into a new CRL and its block out of the ACL. The broker reads both again on a
   * restart; see deploy/README.md for what a running one needs.
   */
  public Report revoke(String name) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    SiteState state = folder.readState().orElseThrow(() -> folderError(folder.dir()
        + " holds no site (no state.yml): provision it first"));
    CertificateAuthority ca = loadCa();
    List<Issued> identities = new ArrayList<>(state.identities());
    int index = -1;
    for (int i = 0; i < identities.size(); i++) {
      Identity identity = identities.get(i).identity();
      if (identity.name().equals(name) || identity.commonName().equals(name)) {
        index = i;
      }
    }
    if (index < 0) {
      throw new SiteException(SiteException.Kind.UNKNOWN_NAME, "no identity '" + name + "' in " + folder.dir()
          + " (it holds " + (identities.isEmpty() ? "none" : identities.stream().map(i -> i.identity().name())
          .collect(Collectors.joining(", "))) + ")");
    }
    Issued had = identities.get(index);
    Report.Builder report = new Report.Builder();
    if (had.revoked()) {
      report.add(Action.STILL_REVOKED, had.identity().name(), "was revoked already (serial "
          + had.serial().toString(16) + ")");
      finish(ca, state, !Files.exists(folder.broker().crlFile()), now, report);
      return report.build();
    }
    identities.set(index, new Issued(had.identity(), had.serial(), had.issued(), true));
    List<Revocation> revocations = new ArrayList<>(state.revocations());
    revocations.add(new Revocation(had.serial(), had.identity().name(), now, false));
    report.add(Action.REVOKED, had.identity().name(), describe(had.identity()) + ", serial " + had.serial().toString(16));
    new CommandKeys(folder, random).writeRings(state.site(), identities, report);
    finish(ca, new SiteState(state.site(), state.broker(), state.earth(), identities, revocations, state.crlNumber(),
        state.crlUpdate()), true, now, report);
    return report.build();
  }

  /** Writes the CRL (when the revocations changed), the ACL and the state. */
  private void finish(CertificateAuthority ca, SiteState state, boolean newCrl, Instant now, Report.Builder report) {
    SiteFolder.BrokerBundle broker = folder.broker();
    if (newCrl) {
      // A broker that loads a second CRL keeps the first too and trusts the one issued later, to
      // the second: each CRL is issued at least a second after the one before.
      Instant issued = now.isAfter(state.crlUpdate()) ? now : state.crlUpdate().plusSeconds(1);
      List<CertificateAuthority.Revoked> revoked = state.revocations().stream()
          .map(r -> new CertificateAuthority.Revoked(r.serial(), r.at(), r.superseded())).toList();
      state = new SiteState(state.site(), state.broker(), state.earth(), state.identities(), state.revocations(),
          state.crlNumber() + 1, issued);
      SecureFiles.write(broker.crlFile(), ca.crl(revoked, state.crlNumber(), issued));
      report.add(Action.WRITTEN, folder.relative(broker.crlFile()), "CRL number " + state.crlNumber() + ", "
          + revoked.size() + " revoked serial(s)");
    }
    List<Identity> active = state.active();
    if (SecureFiles.write(broker.aclFile(), AclFile.render(state.site(), active).getBytes(StandardCharsets.UTF_8))) {
      report.add(Action.WRITTEN, folder.relative(broker.aclFile()), active.size() + " identities");
    }
    if (state.earth().isPresent()) {
      SiteFolder.BrokerBundle earth = folder.earth();
      if (SecureFiles.write(earth.crlFile(), SecureFiles.read(broker.crlFile()))) {
        report.add(Action.WRITTEN, folder.relative(earth.crlFile()), "the site's CRL, for the Earth broker");
      }
      String bridge = state.earth().get().bridge();
      if (SecureFiles.write(earth.aclFile(), EarthAclFile.render(state.site(), bridge, active)
          .getBytes(StandardCharsets.UTF_8))) {
        report.add(Action.WRITTEN, folder.relative(earth.aclFile()), "Earth broker: bridge " + bridge + ", "
            + active.stream().filter(i -> i.role() == Role.OPERATOR || i.role() == Role.OBSERVER).count()
            + " operators and observers");
      }
    }
    folder.writeState(state);
  }

  /** The Earth broker's certificate: kept while its names stay, reissued when they change. */
  private SiteState.Broker earthBroker(SiteManifest manifest, Optional<SiteState> before, CertificateAuthority ca,
                                       byte[] caPem, Instant now, List<Revocation> revocations,
                                       Report.Builder report) {
    SiteFolder.BrokerBundle files = folder.earth();
    SecureFiles.folder(files.folder());
    SecureFiles.write(files.caFile(), caPem);
    List<String> hosts = manifest.earth().orElseThrow().broker().hosts();
    List<String> ips = manifest.earth().orElseThrow().broker().ips();
    String names = "Earth broker: hosts " + (hosts.isEmpty() ? "none" : String.join(", ", hosts)) + "; ips "
        + (ips.isEmpty() ? "none" : String.join(", ", ips));
    Optional<SiteState.Broker> had = before.flatMap(SiteState::earth).map(SiteState.Earth::broker);
    boolean filesThere = Files.exists(files.certificateFile()) && Files.exists(files.keyFile());
    if (had.isPresent() && filesThere && Set.copyOf(had.get().hosts()).equals(Set.copyOf(hosts))
        && Set.copyOf(had.get().ips()).equals(Set.copyOf(ips))) {
      report.add(Action.KEPT, "earth", names);
      return had.get();
    }
    CertificateAuthority.Issued issued = ca.issueEarthBroker(manifest.site(), hosts, ips, now);
    SecureFiles.write(files.certificateFile(), issued.certificatePem());
    SecureFiles.write(files.keyFile(), issued.keyPem());
    if (had.isPresent()) {
      revocations.add(new Revocation(had.get().serial(), "earth", now, true));
      report.add(Action.REISSUED, "earth", names + (filesThere ? " (its names changed)" : " (its files were missing)"));
    } else {
      report.add(Action.CREATED, "earth", names + ", bundle " + folder.relative(files.folder()));
    }
    return new SiteState.Broker(hosts, ips, issued.serial());
  }

  /** The site broker's bridge section, and the bridge identity's certificate and key beside it. */
  private void bridge(String site, SiteManifest.Earth earth, Report.Builder report) {
    SiteFolder.Bundle bundle = folder.bundle(earth.bridge());
    SiteFolder.BridgeFiles files = folder.bridge();
    if (!Files.isRegularFile(bundle.certificateFile())) {
      return; // revoked and never issued again: no bridge to configure
    }
    boolean changed = SecureFiles.write(files.certificateFile(), SecureFiles.read(bundle.certificateFile()));
    changed |= SecureFiles.write(files.keyFile(), SecureFiles.read(bundle.keyFile()));
    changed |= SecureFiles.write(files.confFile(), EarthBridgeConf.render(site, earth).getBytes(StandardCharsets.UTF_8));
    if (changed) {
      report.add(Action.WRITTEN, folder.relative(files.confFile()), "bridge to Earth at " + earth.address() + " as "
          + earth.bridge() + " (with " + EarthBridgeConf.CERTIFICATE + ", " + EarthBridgeConf.KEY + ")");
    }
  }

  private SiteState.Broker broker(SiteManifest manifest, Optional<SiteState> before, CertificateAuthority ca,
                                  byte[] caPem, Instant now, List<Revocation> revocations, Report.Builder report) {
    SiteFolder.BrokerBundle files = folder.broker();
    SecureFiles.folder(files.folder());
    SecureFiles.write(files.caFile(), caPem);
    List<String> hosts = manifest.broker().hosts();
    List<String> ips = manifest.broker().ips();
    String names = "hosts " + (hosts.isEmpty() ? "none" : String.join(", ", hosts)) + "; ips "
        + (ips.isEmpty() ? "none" : String.join(", ", ips));
    Optional<SiteState.Broker> had = before.map(SiteState::broker);
    boolean filesThere = Files.exists(files.certificateFile()) && Files.exists(files.keyFile());
    if (had.isPresent() && filesThere && Set.copyOf(had.get().hosts()).equals(Set.copyOf(hosts))
        && Set.copyOf(had.get().ips()).equals(Set.copyOf(ips))) {
      report.add(Action.KEPT, "broker", names);
      return had.get();
    }
    CertificateAuthority.Issued issued = ca.issueBroker(manifest.site(), hosts, ips, now);
    SecureFiles.write(files.certificateFile(), issued.certificatePem());
    SecureFiles.write(files.keyFile(), issued.keyPem());
    if (had.isPresent()) {
      revocations.add(new Revocation(had.get().serial(), "broker", now, true));
      report.add(Action.REISSUED, "broker", names + (filesThere ? " (its names changed)" : " (its files were missing)"));
    } else {
      report.add(Action.CREATED, "broker", names + ", bundle " + folder.relative(files.folder()));
    }
    return new SiteState.Broker(hosts, ips, issued.serial());
  }

  private CertificateAuthority.Issued writeBundle(CertificateAuthority ca, byte[] caPem, Identity identity,
                                                  Instant now) {
    CertificateAuthority.Issued issued = ca.issueClient(identity.commonName(), now);
    SiteFolder.Bundle bundle = folder.bundle(identity.name());
    SecureFiles.folder(bundle.folder());
    SecureFiles.write(bundle.caFile(), caPem);
    SecureFiles.write(bundle.keyFile(), issued.keyPem());
    SecureFiles.write(bundle.certificateFile(), issued.certificatePem());
    return issued;
  }

  private void checkBundle(String name, byte[] caPem) {
    SiteFolder.Bundle bundle = folder.bundle(name);
    for (Path file : List.of(bundle.certificateFile(), bundle.keyFile())) {
      if (!Files.isRegularFile(file)) {
        throw folderError(folder.relative(bundle.folder()) + " is incomplete (" + file.getFileName()
            + " is missing): put it back, or give it a new key with --reissue " + name);
      }
    }
    SecureFiles.folder(bundle.folder());
    SecureFiles.write(bundle.caFile(), caPem);
  }

  private static void checkRoleChange(Identity had, Identity wanted) {
    if ((had.role() == Role.CONTROLLER) != (wanted.role() == Role.CONTROLLER)) {
      throw new SiteException(SiteException.Kind.MANIFEST, "'" + wanted.name() + "' was issued as "
          + had.role().word() + " (CN " + had.commonName() + "); the manifest makes it " + wanted.role().word()
          + ": the certificate would name it differently, so revoke it and give the new one another name");
    }
  }

  private CertificateAuthority loadCa() {
    for (Path file : List.of(folder.caCertificate(), folder.caKey())) {
      if (!Files.isRegularFile(file)) {
        throw folderError(file + " is missing: the site's CA cannot be rebuilt; restore it from a backup");
      }
    }
    return CertificateAuthority.load(SecureFiles.read(folder.caCertificate()), folder.caCertificate().toString(),
        SecureFiles.read(folder.caKey()), folder.caKey().toString(), random);
  }

  private static int indexOf(List<Issued> identities, String name) {
    for (int i = 0; i < identities.size(); i++) {
      if (identities.get(i).identity().name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  private static String describe(Identity identity) {
    return identity.role().word() + " CN=" + identity.commonName()
        + (identity.families().isEmpty() ? "" : " families " + String.join(",", identity.families()));
  }

  private static SiteException folderError(String message) {
    return new SiteException(SiteException.Kind.FOLDER, message);
  }
}
