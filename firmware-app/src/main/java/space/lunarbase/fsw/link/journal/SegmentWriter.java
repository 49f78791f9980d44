package space.lunarbase.fsw.link.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes records to the journal's newest segment: appends at a position, forces them to the
 * device as the {@link FsyncPolicy} says, rolls over to a new segment (sealing, that is forcing
 * and closing, the full one) when the next record would not fit, and takes back a failed write.
 * Used under the journal's lock.
 */
final class SegmentWriter {

  private static final Logger LOG = LoggerFactory.getLogger(SegmentWriter.class);

  private final Path dir;
  private final long segmentBytes;
  private final LongSupplier nanoClock;
  /** 0 for {@link FsyncPolicy#EVERY_RECORD}. */
  private final long syncIntervalNanos;
  private final AtomicLong syncs = new AtomicLong();
  /** Writes the newest segment; null when a new segment must be started before the next append. */
  private FileChannel channel;
  private boolean dirty;
  private long lastSyncNanos;

  SegmentWriter(Path dir, JournalSettings settings, LongSupplier nanoClock) {
    this.dir = dir;
    this.segmentBytes = settings.segmentBytes();
    this.nanoClock = nanoClock;
    this.syncIntervalNanos = switch (settings.fsync()) {
      case FsyncPolicy.EveryRecord every -> 0;
      case FsyncPolicy.Interval interval -> saturatedNanos(interval);
    };
    this.lastSyncNanos = nanoClock.getAsLong();
  }

  private static long saturatedNanos(FsyncPolicy.Interval interval) {
    try {
      return interval.period().toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  /** Goes on writing the recovered newest segment through {@code recovered} (null: none to go on with). */
  void resume(FileChannel recovered) {
    closeChannel();
    channel = recovered;
    dirty = false;
  }

  /** Whether a segment is open for appending. */
  boolean isOpen() {
    return channel != null;
  }

  /** The interval for forcing starts again now (nothing is waiting to be forced). */
  void restartInterval() {
    lastSyncNanos = nanoClock.getAsLong();
  }

  /**
   * The segment to append a record of {@code length} bytes to: {@code last} if it has room (or is
   * empty), else a new segment starting at {@code index}, after sealing {@code last}. The caller
   * adds a new segment to its list.
   */
  Segment segmentFor(Segment last, long index, int length) throws IOException {
    if (channel != null && (last.size == 0 || last.size + length <= segmentBytes)) {
      return last;
    }
    if (channel != null) {
      FileChannel sealing = channel;
      channel = null;
      try {
        sealing.force(true);
        syncs.incrementAndGet();
      } finally {
        sealing.close();
      }
    }
    return start(index);
  }

  /** Creates the segment file for {@code firstIndex} (it must not exist) and writes it from now on. */
  Segment start(long firstIndex) throws IOException {
    Path path = dir.resolve(Segment.fileName(firstIndex));
    FileChannel created = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
        StandardOpenOption.WRITE);
    syncDirectory(dir);
    channel = created;
    dirty = false;
    lastSyncNanos = nanoClock.getAsLong();
    return new Segment(path, firstIndex);
  }

  /** Writes {@code record} at {@code position} of the newest segment; forces it if the policy says so now. */
  void write(byte[] record, long position) throws IOException {
    ByteBuffer bytes = ByteBuffer.wrap(record);
    while (bytes.hasRemaining()) {
      channel.write(bytes, position + bytes.position());
    }
    dirty = true;
    if (syncIntervalNanos == 0 || nanoClock.getAsLong() - lastSyncNanos >= syncIntervalNanos) {
      sync();
    }
  }

  /**
   * Removes a failed write's bytes from {@code position} of {@code segment} (the newest); if that
   * fails too, the segment is left where it was good and the next append starts a new one. True
   * if the bytes are gone for sure.
   */
  boolean undo(Segment segment, long position) {
    if (channel == null) {
      return false;
    }
    try {
      if (channel.size() > position) {
        channel.truncate(position);
      }
      return true;
    } catch (IOException e) {
      LOG.warn("journal: cannot remove a failed write from {} ({}); starting a new segment", segment.path,
          e.getMessage());
      closeChannel();
      return false;
    }
  }

  private void sync() throws IOException {
    channel.force(false);
    syncs.incrementAndGet();
    dirty = false;
    lastSyncNanos = nanoClock.getAsLong();
  }

  /** Forces the records written since the last force if the interval has passed. */
  void flushIfDue() throws IOException {
    if (channel == null || !dirty || nanoClock.getAsLong() - lastSyncNanos < syncIntervalNanos) {
      return;
    }
    sync();
  }

  /** Forces the newest segment, data and metadata (at close). */
  void forceAll() throws IOException {
    if (channel != null) {
      channel.force(true);
      syncs.incrementAndGet();
    }
  }

  /** Closes the newest segment's channel, forcing nothing; the next append starts a new segment. */
  void closeChannel() {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        LOG.debug("closing a journal segment: {}", e.toString());
      }
      channel = null;
    }
  }

  /** Forces of segment data to the device so far. */
  long syncs() {
    return syncs.get();
  }

  /** Makes a created, renamed or deleted file in {@code dir} durable; best effort. */
  static void syncDirectory(Path dir) {
    try (FileChannel folder = FileChannel.open(dir, StandardOpenOption.READ)) {
      folder.force(true);
    } catch (IOException e) {
      LOG.debug("cannot fsync folder {}: {}", dir, e.toString());
    }
  }
}
