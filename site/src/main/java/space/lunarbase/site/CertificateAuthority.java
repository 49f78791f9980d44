package space.lunarbase.site;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The site's certificate authority: an EC P-256 key and a self-signed certificate that signs every
 * identity's certificate and the CRL (ECDSA with SHA-256, the JDK's own provider).
 *
 * <ul>
 *   <li>CA: CN {@code {site} site CA}, CA:true with path length 0 (it signs end entities only),
 *       key usage keyCertSign and cRLSign, valid {@value #CA_YEARS} years;</li>
 *   <li>clients: CN as {@link Identity#commonName}, key usage digitalSignature, extended key usage
 *       clientAuth only, valid {@value #IDENTITY_YEARS} years (never past the CA);</li>
 *   <li>broker: CN {@code {site} site broker}, serverAuth only, the manifest's hosts and addresses
 *       as subject alternative names (what clients check).</li>
 * </ul>
 * Every certificate starts a day before it is made, so a board whose clock lags still takes it.
 * Serial numbers are 127 random bits.
 */
final class CertificateAuthority {

  static final int CA_YEARS = 30;
  static final int IDENTITY_YEARS = 10;
  private static final Duration BACKDATE = Duration.ofDays(1);
  private static final String SIGNATURE = "SHA256withECDSA";

  /** A key and its certificate, as PEM. */
  record Issued(BigInteger serial, byte[] certificatePem, byte[] keyPem, Instant notAfter) {}

  /** A revoked serial for the CRL. */
  record Revoked(BigInteger serial, Instant at, boolean superseded) {}

  private final X509Certificate certificate;
  private final PrivateKey key;
  private final SecureRandom random;

  private CertificateAuthority(X509Certificate certificate, PrivateKey key, SecureRandom random) {
    this.certificate = certificate;
    this.key = key;
    this.random = random;
  }

  /** A new CA for {@code site}: returns it and its files. */
  static CertificateAuthority create(String site, Instant now, SecureRandom random, FilesOut out) {
    KeyPair pair = newKey(random);
    X500Name name = cn(site + " site CA");
    Instant notBefore = now.minus(BACKDATE);
    Instant notAfter = now.plus(Duration.ofDays(365L * CA_YEARS + CA_YEARS / 4));
    X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(random), Date.from(notBefore),
        Date.from(notAfter), name, pair.getPublic());
    try {
      JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(pair.getPublic()));
      X509Certificate certificate = certificate(builder.build(signer(pair.getPrivate())).getEncoded());
      out.accept(Pem.encode(Pem.CERTIFICATE, certificate.getEncoded()), Pem.encode(Pem.PRIVATE_KEY,
          pair.getPrivate().getEncoded()));
      return new CertificateAuthority(certificate, pair.getPrivate(), random);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot make the site CA: " + e.getMessage(), e);
    }
  }

  /** Where {@link #create} puts the CA's certificate and key PEM. */
  interface FilesOut {
    void accept(byte[] certificatePem, byte[] keyPem);
  }

  /** The CA of an existing site folder, from its PEM files. */
  static CertificateAuthority load(byte[] certificatePem, String certificateSource, byte[] keyPem, String keySource,
                                   SecureRandom random) {
    X509Certificate certificate;
    try {
      certificate = certificate(Pem.decode(Pem.CERTIFICATE, certificatePem, certificateSource));
    } catch (GeneralSecurityException e) {
      throw new SiteException(SiteException.Kind.FOLDER, certificateSource + ": not a certificate (" + e.getMessage()
          + ")", e);
    }
    PrivateKey key = Pem.privateKey(keyPem, keySource);
    return new CertificateAuthority(certificate, key, random);
  }

  X509Certificate certificate() {
    return certificate;
  }

  Instant notAfter() {
    return certificate.getNotAfter().toInstant();
  }

  /** A new key and a client certificate (clientAuth) for {@code commonName}. */
  Issued issueClient(String commonName, Instant now) {
    return issue(cn(commonName), KeyPurposeId.id_kp_clientAuth, null, now);
  }

  /** A new key and the broker's certificate (serverAuth) for {@code hosts} and {@code ips}. */
  Issued issueBroker(String site, List<String> hosts, List<String> ips, Instant now) {
    return issueServer(site + " site broker", hosts, ips, now);
  }

  /** The Earth broker's key and certificate: like the site broker's, named {@code {site} earth broker}. */
  Issued issueEarthBroker(String site, List<String> hosts, List<String> ips, Instant now) {
    return issueServer(site + " earth broker", hosts, ips, now);
  }

  private Issued issueServer(String commonName, List<String> hosts, List<String> ips, Instant now) {
    List<GeneralName> names = new ArrayList<>();
    hosts.forEach(h -> names.add(new GeneralName(GeneralName.dNSName, h)));
    ips.forEach(ip -> names.add(new GeneralName(GeneralName.iPAddress, ip)));
    return issue(cn(commonName), KeyPurposeId.id_kp_serverAuth,
        new GeneralNames(names.toArray(new GeneralName[0])), now);
  }

  /**
   * The CRL (PEM) listing {@code revoked}, number {@code number}, issued at {@code thisUpdate}; it
   * is valid as long as the CA, so a broker never refuses everyone for a CRL that ran out.
   */
  byte[] crl(List<Revoked> revoked, long number, Instant thisUpdate) {
    X509v2CRLBuilder builder = new JcaX509v2CRLBuilder(certificate, Date.from(thisUpdate));
    builder.setNextUpdate(Date.from(notAfter()));
    for (Revoked r : revoked) {
      builder.addCRLEntry(r.serial(), Date.from(r.at()), r.superseded() ? CRLReason.superseded : CRLReason.unspecified);
    }
    try {
      JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
      builder.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(certificate.getPublicKey()));
      builder.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(number)));
      return Pem.encode(Pem.CRL, builder.build(signer(key)).getEncoded());
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign the CRL: " + e.getMessage(), e);
    }
  }

  private Issued issue(X500Name subject, KeyPurposeId purpose, GeneralNames alternativeNames, Instant now) {
    KeyPair pair = newKey(random);
    BigInteger serial = serial(random);
    Instant notAfter = now.plus(Duration.ofDays(365L * IDENTITY_YEARS + IDENTITY_YEARS / 4));
    if (notAfter.isAfter(notAfter())) {
      notAfter = notAfter();
    }
    X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(certificate, serial,
        Date.from(now.minus(BACKDATE)), Date.from(notAfter), subject, pair.getPublic());
    try {
      JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
      builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(pair.getPublic()));
      builder.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(certificate.getPublicKey()));
      if (alternativeNames != null) {
        builder.addExtension(Extension.subjectAlternativeName, false, alternativeNames);
      }
      byte[] der = builder.build(signer(key)).getEncoded();
      return new Issued(serial, Pem.encode(Pem.CERTIFICATE, der), Pem.encode(Pem.PRIVATE_KEY,
          pair.getPrivate().getEncoded()), notAfter);
    } catch (CertIOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot issue a certificate for " + subject + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode a certificate for " + subject + ": " + e.getMessage(), e);
    }
  }

  private static X500Name cn(String commonName) {
    return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
  }

  private static KeyPair newKey(SecureRandom random) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), random);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK cannot make EC P-256 keys: " + e.getMessage(), e);
    }
  }

  private static BigInteger serial(SecureRandom random) {
    return new BigInteger(127, random).setBit(126);
  }

  private static ContentSigner signer(PrivateKey key) throws GeneralSecurityException {
    try {
      return new JcaContentSignerBuilder(SIGNATURE).build(key);
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException(e.getMessage(), e);
    }
  }

  private static X509Certificate certificate(byte[] der) throws GeneralSecurityException {
    return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
  }
}
