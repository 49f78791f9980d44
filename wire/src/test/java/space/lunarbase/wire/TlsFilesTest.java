package space.lunarbase.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PEM files made by openssl at test time, loaded and used for a real TLS handshake with client auth. */
class TlsFilesTest {

  @TempDir static Path dir;

  @BeforeAll
  static void makeFiles() throws Exception {
    ca("ca");
    ca("other-ca");
    issue("ca", "broker", "broker");
    issue("ca", "client", "lunar-south.bank-ctl-1");
    issue("other-ca", "stranger", "lunar-south.bank-ctl-1");
    Files.writeString(dir.resolve("not-a-key.pem"), "-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n");
  }

  @Test
  void identity_is_the_client_certificate_cn() {
    TlsFiles files = TlsFiles.withClientCertificate(p("ca.crt"), p("client.crt"), p("client.key"));
    assertThat(files.identity()).contains("lunar-south.bank-ctl-1");
    assertThat(TlsFiles.trustOnly(p("ca.crt")).identity()).isEmpty();
  }

  @Test
  void a_client_of_the_site_ca_completes_a_handshake_that_requires_a_certificate() throws Exception {
    assertThat(handshake(TlsFiles.withClientCertificate(p("ca.crt"), p("client.crt"), p("client.key"))))
        .isEqualTo("CN=lunar-south.bank-ctl-1");
  }

  @Test
  void a_client_certificate_from_another_ca_is_refused_by_the_server() {
    assertThatThrownBy(() -> handshake(TlsFiles.withClientCertificate(p("ca.crt"), p("stranger.crt"), p("stranger.key"))))
        .isInstanceOf(Exception.class);
  }

  @Test
  void a_broker_certificate_from_another_ca_is_refused_by_the_client() {
    assertThatThrownBy(() -> handshake(TlsFiles.withClientCertificate(p("other-ca.crt"), p("client.crt"), p("client.key"))))
        .isInstanceOf(Exception.class);
  }

  @Test
  void bad_files_are_named() {
    assertThatThrownBy(() -> TlsFiles.trustOnly(p("missing.crt")).context())
        .isInstanceOf(TlsFiles.BadTlsFile.class).hasMessageContaining("missing.crt");
    assertThatThrownBy(() -> TlsFiles.trustOnly(p("client.key")).context())
        .isInstanceOf(TlsFiles.BadTlsFile.class).hasMessageContaining("client.key");
    assertThatThrownBy(() -> TlsFiles.privateKey(p("not-a-key.pem")))
        .isInstanceOf(TlsFiles.BadTlsFile.class).hasMessageContaining("not-a-key.pem").hasMessageContaining("PKCS#8");
    assertThatThrownBy(() -> new TlsFiles(p("ca.crt"), java.util.Optional.of(p("client.crt")), java.util.Optional.empty()))
        .isInstanceOf(TlsFiles.BadTlsFile.class).hasMessageContaining("no key");
  }

  /** A TLS server with the broker's certificate that requires a client certificate; returns the client's subject. */
  private static String handshake(TlsFiles client) throws Exception {
    TlsFiles server = TlsFiles.withClientCertificate(p("ca.crt"), p("broker.crt"), p("broker.key"));
    try (SSLServerSocket listener = (SSLServerSocket) server.context().getServerSocketFactory().createServerSocket(0)) {
      listener.setNeedClientAuth(true);
      CompletableFuture<String> accepted = CompletableFuture.supplyAsync(() -> {
        try (SSLSocket s = (SSLSocket) listener.accept()) {
          s.setSoTimeout(5000);
          s.startHandshake();
          InputStream in = s.getInputStream();
          int b = in.read();
          s.getOutputStream().write(b);
          s.getOutputStream().flush();
          return ((java.security.cert.X509Certificate) s.getSession().getPeerCertificates()[0])
              .getSubjectX500Principal().getName();
        } catch (IOException e) {
          throw new RuntimeException(e);
        }
      });
      try (SSLSocket socket = (SSLSocket) client.socketFactory().createSocket("127.0.0.1", listener.getLocalPort())) {
        socket.setSoTimeout(5000);
        socket.startHandshake();
        OutputStream out = socket.getOutputStream();
        out.write(7);
        out.flush();
        if (socket.getInputStream().read() != 7) {
          throw new IOException("no echo");
        }
      }
      return accepted.get(10, TimeUnit.SECONDS);
    }
  }

  private static Path p(String name) {
    return dir.resolve(name);
  }

  private static void ca(String name) throws Exception {
    openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
        "-keyout", name + ".key", "-out", name + ".crt", "-days", "2", "-subj", "/CN=" + name);
  }

  private static void issue(String ca, String name, String cn) throws Exception {
    openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
        "-keyout", name + ".key", "-out", name + ".csr", "-subj", "/CN=" + cn);
    Files.writeString(dir.resolve(name + ".ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
    openssl("x509", "-req", "-in", name + ".csr", "-CA", ca + ".crt", "-CAkey", ca + ".key",
        "-CAcreateserial", "-out", name + ".crt", "-days", "2", "-extfile", name + ".ext");
  }

  private static void openssl(String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("openssl"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("openssl " + String.join(" ", args) + " failed: " + output);
    }
  }
}
