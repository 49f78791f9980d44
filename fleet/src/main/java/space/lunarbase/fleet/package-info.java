/**
 * A fleet of simulated controllers in one JVM: {@link space.lunarbase.fleet.Fleet} runs N
 * {@link space.lunarbase.fleet.SimController}s, each with its own identity, boot count, header
 * sequences, outbox, store-and-forward journal and the firmware's own
 * {@link space.lunarbase.fsw.link.MqttLink}; {@link space.lunarbase.fleet.Family} gives each a
 * tracker's, a bank's or a rail's synthetic telemetry through the firmware's frame, channel and
 * limit code. {@link space.lunarbase.fleet.DeliveryCheck} checks on the receiving side that every
 * sequence number of every stream arrived, and how late.
 */
package space.lunarbase.fleet;
