package space.lunarbase.wire;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS files of one MQTT client of a site, as the provisioning writes them: the site CA's
 * certificate (the only one trusted for the broker), and optionally the client's own certificate
 * and its private key (unencrypted PKCS#8 PEM: {@code -----BEGIN PRIVATE KEY-----}, EC or RSA).
 *
 * <p>{@link #socketFactory()} gives TLS 1.2/1.3 with the broker's certificate checked against the CA
 * and the client certificate offered when present. The JDK reads the PEM certificates itself; a
 * file that is missing, unreadable or of the wrong kind fails with {@link BadTlsFile} naming it.
 */
public record TlsFiles(Path caFile, Optional<Path> certFile, Optional<Path> keyFile) {

  private static final Pattern PKCS8 = Pattern.compile(
      "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

  /** A TLS file that cannot be used: the message names the file and what is wrong. */
  public static final class BadTlsFile extends RuntimeException {
    public BadTlsFile(String message) {
      super(message);
    }

    public BadTlsFile(String message, Throwable cause) {
      super(message, cause);
    }
  }

  public TlsFiles {
    if (certFile.isPresent() != keyFile.isPresent()) {
      throw new BadTlsFile("a client certificate and its key go together: got "
          + (certFile.isPresent() ? "a certificate (" + certFile.get() + ") but no key"
              : "a key (" + keyFile.get() + ") but no certificate"));
    }
  }

  /** The CA alone: the broker is authenticated, the client is not (username and password may follow). */
  public static TlsFiles trustOnly(Path caFile) {
    return new TlsFiles(caFile, Optional.empty(), Optional.empty());
  }

  /** The CA and the client's certificate and key. */
  public static TlsFiles withClientCertificate(Path caFile, Path certFile, Path keyFile) {
    return new TlsFiles(caFile, Optional.of(certFile), Optional.of(keyFile));
  }

  /** A socket factory for an {@code ssl://} MQTT connection with these files. */
  public SSLSocketFactory socketFactory() {
    return context().getSocketFactory();
  }

  /** The TLS context: trust only the CA; present the client certificate when there is one. */
  public SSLContext context() {
    try {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      List<X509Certificate> cas = certificates(caFile);
      for (int i = 0; i < cas.size(); i++) {
        trust.setCertificateEntry("ca-" + i, cas.get(i));
      }
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);

      KeyManagerFactory kmf = null;
      if (certFile.isPresent()) {
        List<X509Certificate> chain = certificates(certFile.get());
        PrivateKey key = privateKey(keyFile.get());
        KeyStore identity = KeyStore.getInstance("PKCS12");
        identity.load(null, null);
        char[] none = new char[0];
        identity.setKeyEntry("client", key, none, chain.toArray(new Certificate[0]));
        kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(identity, none);
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new BadTlsFile("cannot set up TLS from " + this + ": " + e.getMessage(), e);
    }
  }

  /**
   * The identity the client certificate names (its subject's CN), which a site broker takes as the
   * username and client id; empty without a client certificate.
   */
  public Optional<String> identity() {
    return certFile.map(file -> commonName(certificates(file).getFirst(), file));
  }

  /** Every certificate in a PEM file, in order; at least one. */
  public static List<X509Certificate> certificates(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      List<X509Certificate> out = new ArrayList<>();
      for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        out.add((X509Certificate) c);
      }
      if (out.isEmpty()) {
        throw new BadTlsFile(file + ": no PEM certificate in it");
      }
      return out;
    } catch (IOException e) {
      throw new BadTlsFile(file + ": cannot read it (" + e.getMessage() + ")", e);
    } catch (CertificateException e) {
      throw new BadTlsFile(file + ": not a PEM certificate (" + e.getMessage() + ")", e);
    }
  }

  /** The unencrypted PKCS#8 PEM private key in {@code file} (EC, RSA or Ed25519). */
  public static PrivateKey privateKey(Path file) {
    String pem;
    try {
      pem = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new BadTlsFile(file + ": cannot read it (" + e.getMessage() + ")", e);
    }
    Matcher m = PKCS8.matcher(pem);
    if (!m.find()) {
      throw new BadTlsFile(file + ": not an unencrypted PKCS#8 PEM key (-----BEGIN PRIVATE KEY-----);"
          + " convert with: openssl pkcs8 -topk8 -nocrypt -in OLD -out NEW");
    }
    byte[] der = Base64.getMimeDecoder().decode(m.group(1));
    for (String algorithm : List.of("EC", "RSA", "Ed25519")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // not this algorithm: try the next
      }
    }
    throw new BadTlsFile(file + ": a PKCS#8 key, but not EC, RSA or Ed25519");
  }

  private static String commonName(X509Certificate certificate, Path file) {
    try {
      for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
        if (rdn.getType().equalsIgnoreCase("CN")) {
          return rdn.getValue().toString();
        }
      }
    } catch (InvalidNameException e) {
      throw new BadTlsFile(file + ": unreadable subject name (" + e.getMessage() + ")", e);
    }
    throw new BadTlsFile(file + ": the certificate's subject has no CN, which names the identity");
  }

  @Override
  public String toString() {
    return "ca " + caFile + certFile.map(c -> ", certificate " + c).orElse("")
        + keyFile.map(k -> ", key " + k).orElse("");
  }
}
