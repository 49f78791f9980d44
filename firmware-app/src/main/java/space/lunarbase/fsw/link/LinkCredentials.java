package space.lunarbase.fsw.link;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javax.net.SocketFactory;
import space.lunarbase.fsw.config.ControllerSettings;
import space.lunarbase.fsw.config.InvalidConfigException;
import space.lunarbase.fsw.config.LinkSettings;
import space.lunarbase.fsw.config.LinkTlsSettings;
import space.lunarbase.wire.TlsFiles;

/**
 * Who the controller is to its broker and how it proves it, read from the settings at start (a bad
 * file stops the start with one line naming its setting): the client id (the certificate's CN when
 * there is a certificate, else {@code {site}-{controller}}), TLS sockets for {@code ssl://}, and
 * the optional username and password.
 *
 * @param clientId the MQTT client id
 * @param sockets TLS sockets ({@code ssl://}), else empty
 * @param username the MQTT username, if any
 * @param password the MQTT password, if any
 */
record LinkCredentials(String clientId, Optional<SocketFactory> sockets, Optional<String> username,
                       Optional<byte[]> password) {

  static LinkCredentials of(ControllerSettings controller, LinkSettings link, LinkTlsSettings tls) {
    String plainId = controller.site() + "-" + controller.controller();
    Optional<byte[]> password = link.password().map(LinkCredentials::readPassword);
    if (!link.tls()) {
      if (tls.ca().isPresent() || tls.cert().isPresent() || tls.key().isPresent()) {
        throw new InvalidConfigException("lunarbase.link.broker-url", link.broker().orElse(null),
            "lunarbase.link.tls.* is set, so the broker must be an ssl://host:port URL");
      }
      return new LinkCredentials(plainId, Optional.empty(), link.user(), password);
    }
    Path ca = tls.ca().orElseThrow(() -> new InvalidConfigException("lunarbase.link.tls.ca-file", null,
        "an ssl:// broker needs the PEM certificate of the CA that signed the broker's certificate"));
    try {
      TlsFiles files = new TlsFiles(ca, tls.cert(), tls.key());
      SocketFactory sockets = files.socketFactory();
      return new LinkCredentials(files.identity().orElse(plainId), Optional.of(sockets), link.user(), password);
    } catch (TlsFiles.BadTlsFile e) {
      throw new InvalidConfigException("lunarbase.link.tls", e.getMessage().lines().findFirst().orElse(""));
    }
  }

  private static byte[] readPassword(String file) {
    try {
      String first = Files.readString(Path.of(file), StandardCharsets.UTF_8).lines().findFirst().orElse("");
      if (first.isEmpty()) {
        throw new InvalidConfigException("lunarbase.link.password-file", file, "its first line (the password) is empty");
      }
      return first.getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InvalidConfigException("lunarbase.link.password-file", file, "cannot read it (" + e + ")");
    }
  }
}
