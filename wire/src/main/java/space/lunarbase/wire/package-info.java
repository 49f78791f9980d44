/**
 * What the firmware and the ground tools must agree on byte for byte beyond the protobuf schema:
 * the topic tree ({@link Topic} parses one topic, {@link Topics} builds a controller's topics and
 * the filters clients and ACLs use), the MAC on a command ({@link CommandSignature},
 * {@link CommandMac}) and a controller's own secret ({@link CommandKeyDerivation}), the key file
 * ({@link KeyFile}), the MAC on a command acknowledgement ({@link AckSignature}), which acks on the
 * {@code ack} topic answer a command and which are forged or unauthenticated ({@link AckCheck}), and
 * a site client's TLS files ({@link TlsFiles}: the site CA, an optional client certificate and key,
 * the socket factory and the certificate's CN).
 */
package space.lunarbase.wire;
