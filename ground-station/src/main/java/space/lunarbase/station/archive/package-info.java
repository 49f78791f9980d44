/**
 * The archive: an embedded QuestDB in one folder ({@link space.lunarbase.station.archive.Archive}),
 * its tables ({@link space.lunarbase.station.archive.Tables}), the writer that commits rows
 * ({@link space.lunarbase.station.archive.ArchiveWriter}), history queries
 * ({@link space.lunarbase.station.archive.History}) and retention and compaction
 * ({@link space.lunarbase.station.archive.Maintenance}).
 */
package space.lunarbase.station.archive;
