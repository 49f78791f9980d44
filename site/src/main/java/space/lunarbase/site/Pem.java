package space.lunarbase.site;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** PEM text (RFC 7468): certificates, CRLs and unencrypted PKCS#8 private keys, 64 characters a line. */
final class Pem {

  static final String CERTIFICATE = "CERTIFICATE";
  static final String CRL = "X509 CRL";
  static final String PRIVATE_KEY = "PRIVATE KEY";

  private static final Base64.Encoder ENCODER = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));

  private Pem() {}

  /** {@code der} as one PEM block of {@code label}. */
  static byte[] encode(String label, byte[] der) {
    String text = "-----BEGIN " + label + "-----\n" + ENCODER.encodeToString(der) + "\n-----END " + label + "-----\n";
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  /** The DER of the first block of {@code label} in {@code pem}; {@code source} names it in an error. */
  static byte[] decode(String label, byte[] pem, String source) {
    Pattern block = Pattern.compile("-----BEGIN " + Pattern.quote(label) + "-----([A-Za-z0-9+/=\\s]+)-----END "
        + Pattern.quote(label) + "-----");
    Matcher m = block.matcher(new String(pem, StandardCharsets.US_ASCII));
    if (!m.find()) {
      throw new SiteException(SiteException.Kind.FOLDER, source + ": no PEM " + label + " in it");
    }
    return Base64.getMimeDecoder().decode(m.group(1));
  }

  /** The EC private key of an unencrypted PKCS#8 PEM file's text. */
  static PrivateKey privateKey(byte[] pem, String source) {
    try {
      return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(decode(PRIVATE_KEY, pem, source)));
    } catch (GeneralSecurityException e) {
      throw new SiteException(SiteException.Kind.FOLDER, source + ": not an EC private key (" + e.getMessage() + ")", e);
    }
  }
}
