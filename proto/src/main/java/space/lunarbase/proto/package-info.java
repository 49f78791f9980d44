/**
 * The wire schema as a whole ({@link Schema}): its version, which every header carries, and the
 * {@code FileDescriptorSet} of every message a controller sends, imports included, with its hash,
 * so that a client holding only these bytes can decode any frame. The messages themselves are
 * generated at build time from {@code src/main/proto/lunarbase/v1/*.proto} into
 * {@code space.lunarbase.proto.v1}.
 */
package space.lunarbase.proto;
