/**
 * The store-and-forward journal: a bounded, append-only, crash-safe log on disk of the messages
 * the link could not deliver ({@link Journal}): CRC-32C records ({@link RecordFormat}) in segment
 * files, an acknowledged cursor ({@link CursorFile}), the oldest segment dropped when full, a torn
 * tail truncated and a corrupt record skipped, writes forced to disk by an {@link FsyncPolicy}.
 * The record layout is documented on {@link Journal}.
 */
package space.lunarbase.fsw.link.journal;
