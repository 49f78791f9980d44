/**
 * From the site broker to the archive: {@link space.lunarbase.station.ingest.SiteLink} (a persistent
 * MQTT session with manual acks), {@link space.lunarbase.station.ingest.IngestLoop} (archive, commit,
 * then acknowledge), {@link space.lunarbase.station.ingest.Ingestor} (decoding with each controller's
 * own schema, duplicates and gaps by {@link space.lunarbase.station.ingest.StreamTracker}), and
 * {@link space.lunarbase.station.ingest.Restore} after a restart.
 */
package space.lunarbase.station.ingest;
