package space.lunarbase.fsw.link.journal;

import java.util.Objects;

/**
 * How large the journal may grow and how it writes.
 *
 * @param maxBytes bound on the total size of the segment files; when an append would exceed it,
 *     the oldest whole segments are dropped. At least twice {@code segmentBytes}, so that dropping
 *     every segment but the newest always makes room
 * @param segmentBytes size at which a segment is sealed and a new one started (e.g. 4 MiB); also
 *     the largest record the journal accepts. Between 1 KiB and 1 GiB
 * @param fsync when writes are forced to the device, see {@link FsyncPolicy} for the loss bound
 * @param cursorEvery the acknowledged position is persisted at most every this many
 *     acknowledgements (and whenever a segment is deleted, and at close); after a crash up to
 *     this many acknowledgements' worth of entries may be replayed again
 */
public record JournalSettings(long maxBytes, long segmentBytes, FsyncPolicy fsync, int cursorEvery) {

  public static final long MIN_SEGMENT_BYTES = 1024;
  public static final long MAX_SEGMENT_BYTES = 1L << 30;
  public static final int DEFAULT_CURSOR_EVERY = 64;

  public JournalSettings {
    Objects.requireNonNull(fsync, "journal fsync policy must be set");
    if (segmentBytes < MIN_SEGMENT_BYTES || segmentBytes > MAX_SEGMENT_BYTES) {
      throw new IllegalArgumentException("journal segmentBytes must be between " + MIN_SEGMENT_BYTES + " and "
          + MAX_SEGMENT_BYTES + " bytes, was " + segmentBytes);
    }
    if (maxBytes < 2 * segmentBytes) {
      throw new IllegalArgumentException("journal maxBytes (" + maxBytes + ") must be at least twice segmentBytes ("
          + segmentBytes + ")");
    }
    if (cursorEvery < 1) {
      throw new IllegalArgumentException("journal cursorEvery must be at least 1, was " + cursorEvery);
    }
  }

  /** Settings that persist the acknowledged position every {@value #DEFAULT_CURSOR_EVERY} acknowledgements. */
  public JournalSettings(long maxBytes, long segmentBytes, FsyncPolicy fsync) {
    this(maxBytes, segmentBytes, fsync, DEFAULT_CURSOR_EVERY);
  }
}
