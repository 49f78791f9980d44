package space.lunarbase.ground.cli;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.Locale;
import javax.net.ssl.SSLException;
import org.eclipse.paho.client.mqttv3.MqttException;

/**
 * Why a connection failed, in an operator's words: for TLS, whether the broker's certificate is not
 * the site CA's or does not name the host, or the broker refused this client's certificate; for
 * MQTT, whether the broker refused the identity. Anything else is Paho's message with its root cause.
 */
final class ConnectFailure {

  private ConnectFailure() {}

  static String describe(MqttException e, BrokerSettings settings) {
    String detail = BrokerSession.describe(e);
    switch (e.getReasonCode()) {
      case MqttException.REASON_CODE_FAILED_AUTHENTICATION -> {
        return "the broker refused the username or password of " + who(settings) + " (" + detail + ")";
      }
      case MqttException.REASON_CODE_NOT_AUTHORIZED -> {
        return "the broker does not let " + who(settings) + " connect (" + detail + ")";
      }
      default -> { }
    }
    if (settings.tls().isEmpty()) {
      return detail;
    }
    String ca = settings.tls().get().caFile().toString();
    if (has(e, CertPathBuilderException.class) || has(e, CertPathValidatorException.class)
        || text(e).contains("pkix path")) {
      return "the broker's certificate is not signed by the CA in " + ca + " (TLS: " + detail + ")";
    }
    if (has(e, CertificateException.class) && (text(e).contains("subject alternative name")
        || text(e).contains("no name matching"))) {
      return "the broker's certificate does not name " + host(settings.url()) + " (TLS: " + detail + ")";
    }
    String all = text(e);
    if (all.contains("bad_certificate") || all.contains("certificate_required") || all.contains("unknown_ca")
        || all.contains("certificate_unknown")) {
      return "the broker refused " + (settings.tls().get().certFile().isPresent()
          ? "this client's certificate (is it from the site CA, and still valid?)"
          : "the connection without a client certificate (give --cert and --cert-key)") + " (TLS: " + detail + ")";
    }
    if (has(e, SSLException.class)) {
      return "TLS with the broker failed (" + detail + ")";
    }
    return detail;
  }

  private static String who(BrokerSettings settings) {
    return settings.tls().flatMap(tls -> tls.certFile().map(file -> "the certificate " + file))
        .or(() -> settings.username().map(name -> "user " + name)).orElse("an anonymous client");
  }

  private static String host(String url) {
    String rest = url.substring(url.indexOf("://") + 3);
    int colon = rest.lastIndexOf(':');
    return colon < 0 ? rest : rest.substring(0, colon);
  }

  private static boolean has(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  /** Every message of the cause chain, lower case. */
  private static String text(Throwable e) {
    StringBuilder all = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      all.append(' ').append(t.getMessage());
    }
    return all.toString().toLowerCase(Locale.ROOT);
  }
}
