package space.lunarbase.site;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import space.lunarbase.site.Report.Action;
import space.lunarbase.site.SiteState.Issued;
import space.lunarbase.wire.CommandKeyDerivation;
import space.lunarbase.wire.KeyFile;

/**
 * The site's command keys: one {@link SignerKey} per operator and range-safety officer (a master
 * secret kept in {@code keys/NAME.yml}, handed out as {@code bundles/NAME/command-key.yml}), and
 * for each controller its own ring {@code bundles/ID/keys.yml} (the firmware's
 * {@code lunarbase.commands.key-file}): one key per signer that may command it, under the signer's
 * name, with the secret derived for that controller ({@link CommandKeyDerivation}); range-safety
 * keys only on controllers with the {@code rail} family; every revoked signer under
 * {@code revoked:}. A key is valid from a day before it was made (a board whose clock lags) for
 * {@link #VALIDITY}; {@code --reissue NAME} gives a new master and validity. Everything is derived
 * from the kept records, so a rerun writes the same bytes.
 */
final class CommandKeys {

  /** How long a new command key is valid. */
  static final Duration VALIDITY = Duration.ofDays(365);

  private final SiteFolder folder;
  private final SecureRandom random;

  CommandKeys(SiteFolder folder, SecureRandom random) {
    this.folder = folder;
    this.random = random;
  }

  /** Makes or keeps the key of every signer the manifest lists, then writes every ring. */
  void provision(SiteManifest manifest, List<Issued> identities, Set<String> reissue, Instant now,
                 Report.Builder report) {
    SecureFiles.folder(keysFolder());
    List<String> signers = new ArrayList<>(manifest.operators());
    signers.addAll(manifest.rangeSafety());
    for (String name : signers) {
      String role = manifest.isRangeSafety(name) ? SignerKey.RANGE_SAFETY : SignerKey.OPERATOR;
      if (identities.stream().anyMatch(i -> i.identity().name().equals(name) && i.revoked())) {
        continue; // revoked, not reissued: no key
      }
      String label = name + " (command key)";
      Path record = record(name);
      SignerKey key;
      if (!Files.exists(record) || reissue.contains(name)) {
        byte[] master = new byte[CommandKeyDerivation.LENGTH];
        random.nextBytes(master);
        key = new SignerKey(manifest.site(), name, role, master, now.minus(Duration.ofDays(1)), now.plus(VALIDITY));
        report.add(Files.exists(record) ? Action.REISSUED : Action.CREATED, label, role + " key, valid until "
            + key.notAfter() + ", " + folder.relative(folder.bundle(name).folder().resolve(COMMAND_KEY)));
      } else {
        key = SignerKey.parse(SecureFiles.read(record), record.toString());
        if (!key.role().equals(role)) {
          report.add(Action.CHANGED, label, key.role() + " -> " + role + "; secret kept");
          key = key.withRole(role);
        } else {
          report.add(Action.KEPT, label, role + " key, valid until " + key.notAfter());
        }
      }
      byte[] bytes = key.yaml().getBytes(StandardCharsets.UTF_8);
      SecureFiles.write(record, bytes);
      SecureFiles.folder(folder.bundle(name).folder());
      SecureFiles.write(folder.bundle(name).folder().resolve(COMMAND_KEY), bytes);
    }
    writeRings(manifest.site(), identities, report);
  }

  /** The name of a signer's key file in its bundle. */
  static final String COMMAND_KEY = "command-key.yml";
  /** The name of a controller's ring in its bundle. */
  static final String RING = "keys.yml";

  /** Writes every active controller's ring from the kept signer keys and who is revoked. */
  void writeRings(String site, List<Issued> identities, Report.Builder report) {
    Map<String, SignerKey> signers = new TreeMap<>();
    Set<String> revoked = new TreeSet<>();
    for (Issued issued : identities) {
      String name = issued.identity().name();
      if (issued.identity().role() != Role.OPERATOR || !Files.exists(record(name))) {
        continue; // observers and bridges command nothing: a key issued while one was an operator is dropped
      }
      if (issued.revoked()) {
        revoked.add(name);
      } else {
        signers.put(name, SignerKey.parse(SecureFiles.read(record(name)), record(name).toString()));
      }
    }
    for (Issued issued : identities) {
      Identity controller = issued.identity();
      if (controller.role() != Role.CONTROLLER || issued.revoked()) {
        continue;
      }
      List<KeyFile.Key> keys = new ArrayList<>();
      for (SignerKey signer : signers.values()) {
        if (signer.role().equals(SignerKey.RANGE_SAFETY) && !controller.families().contains("rail")) {
          continue;
        }
        keys.add(new KeyFile.Key(signer.id(), signer.role(),
            CommandKeyDerivation.derive(signer.master(), site, controller.name()), false, signer.notBefore(),
            signer.notAfter()));
      }
      int count = keys.size();
      if (count == 0 && revoked.isEmpty()) {
        continue; // a site without signers has no ring to give
      }
      String yaml = new KeyFile(Optional.empty(), false, keys, revoked).yaml(controller.commonName()
          + "'s command key ring (lunarbase.commands.key-file; on the board /etc/lunarbase/keys.yml, mode 0600),\n"
          + "written by lunarctl site provision: each signer's secret for this controller only.");
      Path ring = folder.bundle(controller.name()).folder().resolve(RING);
      SecureFiles.folder(ring.getParent());
      if (SecureFiles.write(ring, yaml.getBytes(StandardCharsets.UTF_8))) {
        report.add(Action.WRITTEN, folder.relative(ring), count + " key(s)" + (revoked.isEmpty() ? ""
            : ", revoked " + String.join(", ", revoked)));
      }
    }
  }

  private Path keysFolder() {
    return folder.dir().resolve("keys");
  }

  private Path record(String name) {
    return keysFolder().resolve(name + ".yml");
  }
}
