/**
 * What the firmware and the ground tools must agree on byte for byte beyond the protobuf schema:
 * the MAC on a command acknowledgement ({@link AckSignature}) and a site client's TLS files
 * ({@link TlsFiles}: the site CA, an optional client certificate and key, the socket factory and
 * the certificate's CN).
 */
package space.lunarbase.wire;
