package space.lunarbase.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The site's apt repository ({@code deploy/package/site-repo}) as a board's apt sees it: reprepro
 * makes it from two small packages and signs it with the site's key, and apt itself, with a state
 * of its own in a temporary folder, checks the signature and fetches a package; a tampered
 * {@code InRelease}, {@code Release} or index, a repository signed by another site's key and a
 * tampered package are refused. Needs reprepro, gpg and apt (Debian packages).
 */
class SiteRepositoryTest {

  static final Path SITE_REPO = Path.of("..", "deploy", "package", "site-repo").toAbsolutePath().normalize();

  /** The repository every test starts from (made once: a signing key takes a few seconds). */
  @TempDir static Path template;
  static Path v1;
  static Path v2;

  @TempDir Path tmp;
  Path site;
  Path apt;

  @BeforeAll
  static void makeRepository() throws Exception {
    Path site = template.resolve("lunar-south");
    v1 = dummyDeb(template, "1.0", "amd64");
    v2 = dummyDeb(template, "2.0", "amd64");
    ok(siteRepo(template, "init", site.toString(), "lunar-south"));
    ok(siteRepo(template, "add", site.toString(), v1.toString(), dummyDeb(template, "1.0", "arm64").toString()));
    ok(siteRepo(template, "add", site.toString(), v2.toString()));
  }

  @BeforeEach
  void copyRepository() throws Exception {
    ok(run(tmp, Map.of(), "cp", "-a", template.resolve("lunar-south").toString(), tmp.toString()));
    site = tmp.resolve("lunar-south");
    apt = board(site, site.resolve("lunarbase-site.asc"));
  }

  @Test
  void aBoardsAptChecksTheSiteSignatureAndFetchesTheNewAndThePreviousVersion() throws Exception {
    Result update = aptGet(apt, "update");
    ok(update);
    assertThat(update.output()).contains("lunarbase InRelease");
    Result policy = run(tmp, Map.of("APT_CONFIG", apt.resolve("apt.conf").toString()), "apt-cache", "policy",
        "lunarbase-fsw");
    assertThat(policy.output()).contains("Candidate: 2.0");
    Path downloads = Files.createDirectories(tmp.resolve("downloads"));
    ok(run(downloads, Map.of("APT_CONFIG", apt.resolve("apt.conf").toString()), "apt-get", "-q", "download",
        "lunarbase-fsw=2.0"));
    assertThat(Files.readAllBytes(downloads.resolve("lunarbase-fsw_2.0_amd64.deb")))
        .isEqualTo(Files.readAllBytes(v2));
    // the version 2.0 replaced stays in the repository, for a rollback
    ok(run(downloads, Map.of("APT_CONFIG", apt.resolve("apt.conf").toString()), "apt-get", "-q", "download",
        "lunarbase-fsw=1.0"));
    assertThat(Files.readAllBytes(downloads.resolve("lunarbase-fsw_1.0_amd64.deb")))
        .isEqualTo(Files.readAllBytes(v1));
    assertThat(ok(siteRepo("list", site.toString())).output()).contains("lunarbase|main|amd64: lunarbase-fsw 2.0",
        "lunarbase|main|arm64: lunarbase-fsw 1.0", "lunarbase-previous|main|amd64: lunarbase-fsw 1.0");
  }

  @Test
  void theSigningFolderIsTheOwnersOnly() throws IOException {
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(site))).isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(site.resolve("gnupg"))))
        .isEqualTo("rwx------");
    assertThat(Files.readString(site.resolve("public/lunarbase-site.asc")))
        .startsWith("-----BEGIN PGP PUBLIC KEY BLOCK-----")
        .doesNotContain("PRIVATE");
  }

  @Test
  void aTamperedInReleaseIsRefused() throws Exception {
    Path inRelease = site.resolve("public/dists/lunarbase/InRelease");
    Files.writeString(inRelease, Files.readString(inRelease).replaceFirst("Label: .*", "Label: not the site's"));
    Result update = aptGet(apt, "update");
    assertThat(update.exit()).isNotZero();
    assertThat(update.output()).contains("BADSIG", "is not signed");
  }

  @Test
  void aTamperedReleaseIsRefusedWhereThereIsNoInRelease() throws Exception {
    Files.delete(site.resolve("public/dists/lunarbase/InRelease"));
    Path release = site.resolve("public/dists/lunarbase/Release");
    Files.writeString(release, Files.readString(release).replaceFirst("Label: .*", "Label: not the site's"));
    Result update = aptGet(apt, "update");
    assertThat(update.exit()).isNotZero();
    assertThat(update.output()).contains("BADSIG", "is not signed");
  }

  @Test
  void aTamperedIndexIsRefused() throws Exception {
    Path index = site.resolve("public/dists/lunarbase/main/binary-amd64/Packages");
    Files.writeString(index, Files.readString(index).replace("Version: 2.0", "Version: 9.0"));
    Files.delete(site.resolve("public/dists/lunarbase/main/binary-amd64/Packages.gz"));
    Result update = aptGet(apt, "update");
    assertThat(update.exit()).isNotZero();
    assertThat(update.output()).contains("failed to download");
    Result policy = run(tmp, Map.of("APT_CONFIG", apt.resolve("apt.conf").toString()), "apt-cache", "policy",
        "lunarbase-fsw");
    assertThat(policy.output()).doesNotContain("9.0");
  }

  @Test
  void aRepositorySignedByAnotherKeyIsRefused() throws Exception {
    Path other = tmp.resolve("lunar-north");
    ok(siteRepo("init", other.toString(), "lunar-north"));
    ok(siteRepo("add", other.toString(), dummyDeb(tmp, "3.0", "amd64").toString()));
    // the board trusts lunar-south's key and is pointed at a repository lunar-north signed
    Path misled = board(other, site.resolve("lunarbase-site.asc"));
    Result update = aptGet(misled, "update");
    assertThat(update.exit()).isNotZero();
    assertThat(update.output()).contains("NO_PUBKEY", "is not signed");
  }

  @Test
  void aTamperedPackageIsRefused() throws Exception {
    ok(aptGet(apt, "update"));
    Path pooled = site.resolve("public/pool/main/l/lunarbase-fsw/lunarbase-fsw_2.0_amd64.deb");
    byte[] bytes = Files.readAllBytes(pooled);
    bytes[bytes.length - 1] ^= 1;
    Files.write(pooled, bytes);
    Path downloads = Files.createDirectories(tmp.resolve("downloads"));
    Result download = run(downloads, Map.of("APT_CONFIG", apt.resolve("apt.conf").toString()), "apt-get", "-q",
        "download", "lunarbase-fsw=2.0");
    assertThat(download.exit()).isNotZero();
    assertThat(download.output()).contains("Hash Sum mismatch");
    assertThat(downloads.resolve("lunarbase-fsw_2.0_amd64.deb")).doesNotExist();
  }

  @Test
  void aRotatedKeyIsTrustedAlongsideTheOldUntilTheOldIsRetired() throws Exception {
    Path oldKey = Files.copy(site.resolve("lunarbase-site.asc"), tmp.resolve("old.asc"));
    ok(siteRepo("rotate", site.toString()));
    // during the rotation both keys sign: boards with the old key and boards with the new keyring update
    ok(aptGet(apt, "update"));
    Path both = Files.copy(site.resolve("lunarbase-site.asc"), tmp.resolve("both.asc"));
    ok(aptGet(board(site, both), "update"));
    assertThat(siteRepo("rotate", site.toString()).output()).contains("a rotation is already under way");
    ok(siteRepo("retire", site.toString()));
    Path newKey = site.resolve("lunarbase-site.asc");
    assertThat(Files.readString(newKey)).isNotEqualTo(Files.readString(oldKey));
    ok(aptGet(board(site, newKey), "update"));
    Result stale = aptGet(board(site, oldKey), "update");
    assertThat(stale.exit()).isNotZero();
    assertThat(stale.output()).contains("NO_PUBKEY");
  }

  @Test
  void badInputIsRefusedWithAReason() throws Exception {
    Result init = siteRepo("init", tmp.resolve("x").toString(), "Lunar South!");
    assertThat(init.exit()).isNotZero();
    assertThat(init.output()).contains("lower-case letters, digits and dashes only");
    Result again = siteRepo("init", site.toString(), "lunar-south");
    assertThat(again.exit()).isNotZero();
    assertThat(again.output()).contains("already holds a repository");
    Path notADeb = Files.writeString(tmp.resolve("junk.deb"), "junk");
    Result add = siteRepo("add", site.toString(), notADeb.toString());
    assertThat(add.exit()).isNotZero();
    assertThat(add.output()).contains("is not a Debian package");
    Result nowhere = siteRepo("add", tmp.resolve("nowhere").toString(), v1.toString());
    assertThat(nowhere.exit()).isNotZero();
    assertThat(nowhere.output()).contains("is not a site repository");
  }

  /** A board's apt: its own lists, cache and empty status, one deb822 source trusting {@code key}. */
  Path board(Path repo, Path key) throws Exception {
    Path root = Files.createTempDirectory(tmp, "board");
    for (String dir : List.of("etc/sources.list.d", "etc/preferences.d", "etc/apt.conf.d", "lists/partial",
        "cache/archives/partial")) {
      Files.createDirectories(root.resolve(dir));
    }
    Files.writeString(root.resolve("status"), "");
    String sources = ok(siteRepo("sources", repo.toString(), repo.resolve("public").toUri().toString())).output();
    Files.writeString(root.resolve("etc/sources.list.d/lunarbase-site.sources"),
        sources.replace("/etc/apt/keyrings/lunarbase-site.asc", key.toString()));
    // the sandbox user: apt drops to _apt when run as root, which cannot read a 0700 test folder
    Files.writeString(root.resolve("apt.conf"), """
        Dir::Etc "%1$s/etc/";
        Dir::Etc::sourcelist "/dev/null";
        Dir::Etc::sourceparts "%1$s/etc/sources.list.d/";
        Dir::Etc::parts "%1$s/etc/apt.conf.d/";
        Dir::Etc::preferencesparts "%1$s/etc/preferences.d/";
        Dir::Etc::trusted "/dev/null";
        Dir::Etc::trustedparts "%1$s/etc/trusted.gpg.d/";
        Dir::State "%1$s/";
        Dir::State::lists "%1$s/lists/";
        Dir::State::status "%1$s/status";
        Dir::Cache "%1$s/cache/";
        APT::Architecture "amd64";
        APT::Architectures { "amd64"; "arm64"; };
        APT::Sandbox::User "%2$s";
        Acquire::Languages "none";
        """.formatted(root, System.getProperty("user.name")));
    return root;
  }

  Result aptGet(Path board, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("apt-get", "-q"));
    command.addAll(List.of(args));
    return run(tmp, Map.of("APT_CONFIG", board.resolve("apt.conf").toString()), command.toArray(String[]::new));
  }

  static Path dummyDeb(Path tmp, String version, String arch) throws Exception {
    Path tree = tmp.resolve("pkg-" + version + "-" + arch);
    Files.createDirectories(tree.resolve("DEBIAN"));
    Files.createDirectories(tree.resolve("usr/share/doc/lunarbase-fsw"));
    Files.writeString(tree.resolve("DEBIAN/control"), """
        Package: lunarbase-fsw
        Version: %s
        Architecture: %s
        Maintainer: lunarbase flight software <fsw@lunarbase.space>
        Section: misc
        Priority: optional
        Description: a stand-in for the firmware's package
        """.formatted(version, arch));
    Files.writeString(tree.resolve("usr/share/doc/lunarbase-fsw/version"), version + "\n");
    Path deb = tmp.resolve("lunarbase-fsw_" + version + "_" + arch + ".deb");
    ok(run(tmp, Map.of(), "dpkg-deb", "--root-owner-group", "-b", tree.toString(), deb.toString()));
    return deb;
  }

  Result siteRepo(String... args) throws Exception {
    return siteRepo(tmp, args);
  }

  static Result siteRepo(Path tmp, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(SITE_REPO.toString()));
    command.addAll(List.of(args));
    return run(tmp, Map.of(), command.toArray(String[]::new));
  }

  static Result run(Path dir, Map<String, String> env, String... command) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    builder.environment().putAll(env);
    builder.environment().put("LC_ALL", "C");
    Process process = builder.start();
    process.getOutputStream().close();
    byte[] out = process.getInputStream().readAllBytes();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " did not finish in 60 s");
    }
    return new Result(String.join(" ", command), process.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  static Result ok(Result result) {
    assertThat(result.exit()).as("%s:%n%s", result.command(), result.output()).isZero();
    return result;
  }

  /** What one command did. */
  record Result(String command, int exit, String output) {}
}
