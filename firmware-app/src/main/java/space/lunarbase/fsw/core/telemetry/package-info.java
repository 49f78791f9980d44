/**
 * What the core hands to the link: every message as an {@link Outbound} (stream, serialized
 * protobuf bytes, QoS, retained) into the bounded {@link Outbox}, which never blocks a control
 * loop; the {@link HeaderStamper} that gives each message its header (site, controller, boot,
 * per-stream sequence number, sample time, schema version); high-rate samples batched per frame
 * ({@link SampleBatcher}); and {@link BirthListener}s, told after each birth.
 */
package space.lunarbase.fsw.core.telemetry;
