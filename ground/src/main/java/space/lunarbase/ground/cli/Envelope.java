package space.lunarbase.ground.cli;

import com.google.protobuf.Message;
import java.time.Instant;

/**
 * What lunarctl needs of a message's {@code Header} (field 1 of everything a controller sends),
 * read by field name so that it comes equally from a compiled {@code Header} or a dynamic one.
 *
 * @param siteId site id the sender says it has
 * @param controllerId controller id the sender says it has
 * @param bootCount the sender's boot count
 * @param sequence per boot and topic; 0 = not sequenced (the last will)
 * @param sampleTimeNs UTC nanoseconds since 1970, unsigned
 * @param schemaVersion the schema version the sender was built with
 * @param historical replayed from the sender's journal rather than live
 */
public record Envelope(String siteId, String controllerId, long bootCount, long sequence, long sampleTimeNs,
    int schemaVersion, boolean historical) {

  /** The envelope of a {@code lunarbase.v1.Header} message, compiled or dynamic. */
  public static Envelope of(Message header) {
    return new Envelope(Fields.string(header, "site_id"), Fields.string(header, "controller_id"),
        Fields.longValue(header, "boot_count"), Fields.longValue(header, "sequence"),
        Fields.longValue(header, "sample_time_ns"), (int) Fields.longValue(header, "schema_version"),
        Fields.bool(header, "historical"));
  }

  /** The instant of {@code sampleTimeNs} (unsigned nanoseconds since 1970, UTC). */
  public Instant sampleTime() {
    return Instant.ofEpochSecond(Long.divideUnsigned(sampleTimeNs, 1_000_000_000L),
        Long.remainderUnsigned(sampleTimeNs, 1_000_000_000L));
  }

  /** Boot count as text (unsigned). */
  public String boot() {
    return Long.toUnsignedString(bootCount);
  }
}
