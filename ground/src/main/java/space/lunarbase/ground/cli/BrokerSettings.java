package space.lunarbase.ground.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import space.lunarbase.wire.TlsFiles;

/**
 * Where and as whom a lunarctl command connects, as {@link BrokerOption} resolved it: the URL, the
 * TLS files of an {@code ssl://} broker, and the username and the file holding its password.
 *
 * @param url {@code tcp://host:port} or {@code ssl://host:port}
 * @param tls present exactly for an {@code ssl://} URL
 * @param username the MQTT username, if any
 * @param passwordFile the file whose first line is the password of {@code username}
 */
record BrokerSettings(String url, Optional<TlsFiles> tls, Optional<String> username, Optional<Path> passwordFile) {

  /** The settings of a plain broker: a URL and nothing else (tests, and {@code ./run-sim}'s broker). */
  static BrokerSettings plain(String url) {
    return new BrokerSettings(url, Optional.empty(), Optional.empty(), Optional.empty());
  }

  /**
   * The client id: the client certificate's CN when there is one (the site broker takes it as the
   * username and the client id anyway), else {@code lunarctl-} and 8 random hex digits.
   *
   * @throws TlsFiles.BadTlsFile when the certificate cannot be read
   */
  String clientId() {
    return tls.flatMap(TlsFiles::identity).orElseGet(() -> {
      byte[] random = new byte[4];
      ThreadLocalRandom.current().nextBytes(random);
      return "lunarctl-" + HexFormat.of().formatHex(random);
    });
  }

  /**
   * The password: the first line of {@link #passwordFile()}, without its line end.
   *
   * @throws IOException when the file cannot be read
   * @throws IllegalArgumentException when its first line is empty
   */
  Optional<char[]> password() throws IOException {
    if (passwordFile.isEmpty()) {
      return Optional.empty();
    }
    Path file = passwordFile.get();
    String first = Files.readString(file, StandardCharsets.UTF_8).lines().findFirst().orElse("");
    if (first.isEmpty()) {
      throw new IllegalArgumentException(file + ": the first line (the password) is empty");
    }
    return Optional.of(first.toCharArray());
  }

  @Override
  public String toString() {
    return url;
  }
}
