package space.lunarbase.fsw.link.journal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import space.lunarbase.fsw.core.telemetry.Outbound;
import space.lunarbase.fsw.link.journal.SegmentReader.End;
import space.lunarbase.fsw.link.journal.SegmentReader.Found;
import space.lunarbase.fsw.link.journal.SegmentReader.Step;

/**
 * The link's store-and-forward journal: a bounded, append-only, crash-safe log of outbound
 * messages kept while the broker is unreachable and replayed, oldest first, when it is back.
 *
 * <h2>Use</h2>
 * One thread (the link's) calls {@link #append}, {@link #peek}, {@link #peekAfter},
 * {@link #acknowledge}, {@link #flushIfDue} and {@link #close}; these are also serialized by a
 * lock, so a stray call from another thread is safe. The gauges ({@link #sizeBytes()},
 * {@link #pendingEntries()}, the counters) are lock-free and may be read by a health thread at
 * any time. Nothing here throws into the caller's loop after {@link #open}: failures are counted,
 * logged and reported to the {@link JournalListener}; a failed append returns {@code false}. The
 * journal has no waits of its own; it blocks only as long as the file system does.
 *
 * <p>Delivery is at least once: {@code acknowledge(i)} marks every entry up to {@code i} as
 * delivered (acknowledge the highest index whose predecessors the broker has all acked). The
 * acknowledged position is persisted every {@link JournalSettings#cursorEvery()} acknowledgements,
 * before a fully acknowledged segment is deleted, and at close; after a crash, entries acknowledged
 * since the last persist are replayed again, and the receiver drops them by their header's (boot,
 * sequence).
 *
 * <h2>Files in the journal's folder</h2>
 * <ul>
 *   <li>{@code journal-<first index, 16 digits>.seg}: a segment, records back to back; a segment is
 *       sealed (fsynced, never written again) when the next record would take it past
 *       {@code segmentBytes}. The newest segment is never deleted, so its name keeps the highest
 *       index even when everything has been acknowledged.
 *   <li>{@code cursor}: the last acknowledged index, 16 bytes: {@code "LBJC"}, the index (8),
 *       CRC-32C of the first 12 bytes; replaced atomically (write {@code cursor.tmp}, fsync,
 *       rename, fsync the folder).
 * </ul>
 *
 * <table>
 *   <caption>A record (integers big-endian)</caption>
 *   <tr><th>offset</th><th>bytes</th><th>field</th></tr>
 *   <tr><td>0</td><td>4</td><td>sync marker {@code "LBJ1"} (0x4C424A31)</td></tr>
 *   <tr><td>4</td><td>4</td><td>body length N (at least 5)</td></tr>
 *   <tr><td>8</td><td>8</td><td>index</td></tr>
 *   <tr><td>16</td><td>4</td><td>CRC-32C of bytes 0..15 followed by the body</td></tr>
 *   <tr><td>20</td><td>1</td><td>body version (1)</td></tr>
 *   <tr><td>21</td><td>1</td><td>QoS (0 or 1)</td></tr>
 *   <tr><td>22</td><td>1</td><td>flags: bit 0 retained, others 0</td></tr>
 *   <tr><td>23</td><td>2</td><td>stream name length S (unsigned)</td></tr>
 *   <tr><td>25</td><td>S</td><td>stream name, UTF-8</td></tr>
 *   <tr><td>25+S</td><td>N-5-S</td><td>payload (the serialized protobuf)</td></tr>
 * </table>
 *
 * <h2>Durability</h2>
 * See {@link FsyncPolicy} for when records are forced and what a power loss may cost. A sealed
 * segment has always been forced; new and deleted files are made durable by an fsync of the
 * folder.
 *
 * <h2>Bound</h2>
 * When an append would take the segment files past {@code maxBytes}, the oldest whole segments
 * are deleted (never the newest) and their unacknowledged entries counted as dropped and reported
 * through {@link JournalListener#droppedOldest}. A message whose record is larger than a segment
 * is refused (a write failure).
 *
 * <h2>Recovery on open</h2>
 * Every segment is read once (so opening costs about {@code maxBytes} of reading). A record is
 * valid when its marker, length, CRC and body are, and its index is above every index before it.
 * <ul>
 *   <li>Invalid bytes followed by a valid record (a bad CRC, a bad length, garbage, zeros) are
 *       skipped by resynchronising on the next marker that starts a valid record; each such place
 *       is reported once through {@link JournalListener#corruptRecord} and counted.
 *   <li>Invalid bytes running to the end of the newest segment are a write cut short by
 *       {@code kill -9} or power loss: they are truncated away and reported through
 *       {@link JournalListener#tailTruncated}. In a sealed segment they are reported as corrupt.
 *   <li>A segment whose first record's marker names a later format version ({@code LBJ2} and on:
 *       a later release wrote it) is renamed {@code <name>.v<N>}, kept for that release and not
 *       replayed, and reported through {@link JournalListener#setAside}.
 *   <li>A sealed segment without any valid record is deleted; a missing or invalid cursor
 *       replays from the oldest entry; files not named like segments are ignored.
 *   <li>The next index is above every index in the segments, their names and the cursor, so the
 *       index of an entry that survived is never given again.
 * </ul>
 * No file content makes {@code open} fail; it fails (with an {@link IOException} naming the
 * folder) only when the folder cannot be created, listed or written.
 *
 * <p>The journal coordinates: {@link JournalRecovery} reads the folder at open, a
 * {@link SegmentWriter} appends, forces and rolls segments over, and the journal itself keeps the
 * read position, the acknowledged cursor, the bound and the counters.
 */
public final class Journal implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Journal.class);

  private final Path dir;
  private final JournalSettings settings;
  private final JournalListener listener;

  // State below is guarded by "this".
  private final ArrayDeque<Segment> segments = new ArrayDeque<>();
  /** Writes {@code segments.getLast()}. */
  private final SegmentWriter writer;
  private long nextIndex = 1;
  private long ackedIndex;
  private long persistedAckedIndex;
  private int acksSincePersist;
  /** The read position: always in {@code segments.getFirst()}. */
  private long readOffset;
  private long readConsumed;
  private long readMinIndex = 1;
  private long totalEntries;
  private long totalBytes;
  private Segment readerSegment;
  private SegmentReader reader;
  private boolean failing;
  private boolean closed;

  private volatile long sizeBytes;
  private volatile long pendingEntries;
  private volatile long acknowledgedIndex;
  private final AtomicLong appended = new AtomicLong();
  private final AtomicLong acknowledged = new AtomicLong();
  private final AtomicLong droppedEntries = new AtomicLong();
  private final AtomicLong corruptRecords = new AtomicLong();
  private final AtomicLong writeFailures = new AtomicLong();
  private final AtomicLong tailTruncations = new AtomicLong();

  private Journal(Path dir, JournalSettings settings, JournalListener listener, LongSupplier nanoClock) {
    this.dir = dir;
    this.settings = settings;
    this.listener = listener;
    this.writer = new SegmentWriter(dir, settings, nanoClock);
  }

  /**
   * Opens (creating if needed) the journal in {@code dir} and recovers it, see the class comment.
   *
   * @throws IOException when the folder cannot be created, listed or written; the message names it
   */
  public static Journal open(Path dir, JournalSettings settings, JournalListener listener) throws IOException {
    return open(dir, settings, listener, System::nanoTime);
  }

  static Journal open(Path dir, JournalSettings settings, JournalListener listener, LongSupplier nanoClock)
      throws IOException {
    Objects.requireNonNull(dir, "journal folder");
    Objects.requireNonNull(settings, "journal settings");
    Objects.requireNonNull(listener, "journal listener (use JournalListener.NONE)");
    Journal journal = new Journal(dir, settings, listener, nanoClock);
    try {
      synchronized (journal) {
        journal.recover();
      }
    } catch (IOException | RuntimeException e) {
      journal.closeChannels();
      throw new IOException("cannot open the store-and-forward journal in " + dir + ": " + e.getMessage(), e);
    }
    return journal;
  }

  // ---------------------------------------------------------------------------------------------
  // Recovery

  private void recover() throws IOException {
    JournalRecovery.Recovered recovered = new JournalRecovery(dir, new JournalRecovery.Findings() {
      @Override
      public void invalidRecord(Segment segment, long offset, String reason) {
        reportInvalid(segment, offset, reason);
      }

      @Override
      public void tailTruncated(Path segment, long offset, long bytes) {
        tailTruncations.incrementAndGet();
        tell(l -> l.tailTruncated(segment, offset, bytes));
      }

      @Override
      public void setAside(Path segment, Path keptAs, String reason) {
        tell(l -> l.setAside(segment, keptAs, reason));
      }
    }).recover();
    ackedIndex = recovered.ackedIndex();
    persistedAckedIndex = ackedIndex;
    nextIndex = recovered.nextIndex();
    segments.addAll(recovered.segments());
    writer.resume(recovered.writer());
    if (segments.isEmpty() || !writer.isOpen()) {
      segments.addLast(writer.start(nextIndex));
    }
    for (Segment segment : segments) {
      totalEntries += segment.entries;
      totalBytes += segment.size;
    }
    readMinIndex = Math.max(1, segments.getFirst().firstIndex);
    advance(ackedIndex, false);
    while (totalBytes > settings.maxBytes() && segments.size() > 1) {
      dropOldest();
    }
    writer.restartInterval();
    updateGauges();
    LOG.info("journal {} opened: {} segments, {} bytes, {} entries pending, next index {}", dir,
        segments.size(), totalBytes, pendingEntries, nextIndex);
  }

  // ---------------------------------------------------------------------------------------------
  // Writing

  /**
   * Journals one message. Never throws and never waits on anything but the file system.
   *
   * @return true if the message is in the journal (durable as {@link FsyncPolicy} says); false if
   *     it was not journaled (closed journal, oversized message, interrupted thread, I/O error),
   *     in which case it is
   *     lost, counted in {@link #writeFailures()} and reported through
   *     {@link JournalListener#writeFailed}
   */
  public synchronized boolean append(Outbound message) {
    if (message == null) {
      return appendFailed(new IOException("cannot journal a null message"));
    }
    if (closed) {
      return appendFailed(new IOException("the journal in " + dir + " is closed"));
    }
    if (Thread.currentThread().isInterrupted()) {
      // a file channel used by an interrupted thread is closed under it: leave the files alone
      return appendFailed(new InterruptedIOException("the appending thread is interrupted"));
    }
    long index = nextIndex;
    byte[] record;
    try {
      record = RecordFormat.encode(index, message);
    } catch (IllegalArgumentException e) {
      return appendFailed(new IOException("cannot journal a message on " + message.stream() + ": " + e.getMessage()));
    }
    if (record.length > settings.segmentBytes()) {
      return appendFailed(new IOException("a record of " + record.length + " bytes on " + message.stream()
          + " does not fit a journal segment of " + settings.segmentBytes() + " bytes"));
    }
    // Taken now; given back below only if nothing of the record can be on disk.
    nextIndex = index + 1;
    Segment active;
    long position = -1;
    try {
      Segment last = segments.getLast();
      active = writer.segmentFor(last, index, record.length);
      if (active != last) {
        segments.addLast(active);
      }
      while (totalBytes + record.length > settings.maxBytes() && segments.size() > 1) {
        dropOldest();
      }
      position = active.size;
      writer.write(record, position);
    } catch (IOException | RuntimeException e) {
      boolean undone = position >= 0 ? writer.undo(segments.getLast(), position)
          : !(e instanceof FileAlreadyExistsException);
      if (undone) {
        nextIndex = index; // nothing of it is on disk: the index is free again
      }
      updateGauges();
      return appendFailed(e instanceof IOException io ? io : new IOException(e.toString(), e));
    }
    active.size += record.length;
    active.entries++;
    active.lastIndex = index;
    totalEntries++;
    totalBytes += record.length;
    appended.incrementAndGet();
    if (failing) {
      failing = false;
      LOG.info("journal {} is writable again", dir);
    }
    updateGauges();
    return true;
  }

  private void dropOldest() throws IOException {
    Segment oldest = segments.removeFirst();
    long lost = Math.max(0, oldest.entries - readConsumed);
    closeReaderOf(oldest);
    totalEntries -= oldest.entries;
    totalBytes -= oldest.size;
    readOffset = 0;
    readConsumed = 0;
    readMinIndex = Math.max(readMinIndex, Math.max(oldest.lastIndex + 1, segments.getFirst().firstIndex));
    droppedEntries.addAndGet(lost);
    LOG.warn("journal full ({} bytes): dropped the oldest segment {} with {} unsent entries", settings.maxBytes(),
        oldest.path.getFileName(), lost);
    tell(l -> l.droppedOldest(lost, oldest.size));
    Files.deleteIfExists(oldest.path);
    SegmentWriter.syncDirectory(dir);
  }

  /**
   * Under {@link FsyncPolicy#interval}, forces the records appended since the last force if the
   * interval has passed. Call it at least once per interval while idle for the policy's loss bound
   * to hold. Does nothing under {@link FsyncPolicy#EVERY_RECORD}.
   */
  public synchronized void flushIfDue() {
    if (closed) {
      return;
    }
    try {
      writer.flushIfDue();
    } catch (IOException e) {
      writeFailed(e);
    }
  }

  private boolean appendFailed(IOException cause) {
    writeFailed(cause);
    return false;
  }

  private void writeFailed(IOException cause) {
    writeFailures.incrementAndGet();
    if (!failing) {
      failing = true;
      LOG.warn("journal {}: write failed ({}); messages are being lost until it recovers", dir, cause.toString());
    } else {
      LOG.debug("journal {}: write failed again ({})", dir, cause.toString());
    }
    tell(l -> l.writeFailed(cause));
  }

  // ---------------------------------------------------------------------------------------------
  // Reading

  /** Up to {@code max} unacknowledged entries, oldest first, without removing them. */
  public List<JournalEntry> peek(int max) {
    return peekAfter(Long.MIN_VALUE, max);
  }

  /**
   * Up to {@code max} unacknowledged entries with an index above {@code index}, oldest first: for
   * a link that has entries in flight and wants the ones after them.
   */
  public synchronized List<JournalEntry> peekAfter(long index, int max) {
    if (closed || max <= 0) {
      return List.of();
    }
    long after = Math.max(index, ackedIndex);
    List<JournalEntry> entries = new ArrayList<>(Math.min(max, 256));
    Iterator<Segment> order = segments.iterator();
    Segment segment = order.next();
    long position = readOffset;
    long minIndex = readMinIndex;
    try {
      while (entries.size() < max) {
        Step step = read(segment, position, minIndex);
        if (step instanceof Found found) {
          if (found.index() > after) {
            entries.add(new JournalEntry(found.index(), found.message()));
          }
          position = found.end();
          minIndex = found.index() + 1;
        } else if (order.hasNext()) {
          segment = order.next();
          position = 0;
          minIndex = Math.max(minIndex, segment.firstIndex);
        } else {
          break;
        }
      }
    } catch (ClosedChannelException e) {
      LOG.debug("journal read interrupted: {}", e.toString());
    }
    return entries;
  }

  /**
   * Marks every entry up to and including {@code index} as delivered; fully delivered segments
   * (but the newest) are deleted once the position is persisted. An index at or below the current
   * position is ignored; one above the last appended entry counts as the last.
   */
  public synchronized void acknowledge(long index) {
    if (closed) {
      return;
    }
    long target = Math.min(index, nextIndex - 1);
    if (target > ackedIndex) {
      ackedIndex = target;
      acksSincePersist++;
    }
    try {
      advance(ackedIndex, true);
    } catch (ClosedChannelException e) {
      LOG.debug("journal read interrupted: {}", e.toString());
    }
    if (acksSincePersist >= settings.cursorEvery()) {
      persistCursor();
    }
    updateGauges();
  }

  /** Moves the read position past every record up to {@code through}, deleting finished segments. */
  private void advance(long through, boolean byAck) throws ClosedChannelException {
    List<Segment> finished = new ArrayList<>();
    try {
      while (true) {
        Segment segment = segments.getFirst();
        Step step = read(segment, readOffset, readMinIndex);
        if (step instanceof Found found) {
          if (found.index() > through) {
            break;
          }
          readOffset = found.end();
          readConsumed++;
          readMinIndex = found.index() + 1;
          if (byAck) {
            acknowledged.incrementAndGet();
          }
        } else if (segments.size() > 1) {
          segments.removeFirst();
          finished.add(segment);
          closeReaderOf(segment);
          totalEntries -= segment.entries;
          totalBytes -= segment.size;
          readOffset = 0;
          readConsumed = 0;
          readMinIndex = Math.max(readMinIndex, segments.getFirst().firstIndex);
        } else {
          break;
        }
      }
    } finally {
      if (!finished.isEmpty()) {
        persistCursor();
        for (Segment segment : finished) {
          try {
            Files.deleteIfExists(segment.path);
          } catch (IOException e) {
            writeFailed(e);
          }
        }
        SegmentWriter.syncDirectory(dir);
        updateGauges();
      }
    }
  }

  /**
   * The next valid record of {@code segment} from {@code position}, reporting invalid bytes once.
   * A segment that cannot be read is reported and treated as ending there (so that replay goes
   * on with the next one); only an interrupted read escapes, as {@link ClosedChannelException}.
   */
  private Step read(Segment segment, long position, long minIndex) throws ClosedChannelException {
    try {
      if (readerSegment != segment) {
        closeReader();
        reader = new SegmentReader(FileChannel.open(segment.path, StandardOpenOption.READ));
        readerSegment = segment;
      }
      Step step = reader.next(position, Math.min(segment.size, segment.readable), minIndex);
      if (step instanceof Found found && found.skippedOffset() >= 0) {
        reportInvalid(segment, found.skippedOffset(), found.skippedReason());
      } else if (step instanceof End end && end.invalidOffset() >= 0) {
        reportInvalid(segment, end.invalidOffset(), end.reason() + "; skipped to the end of the segment");
      }
      return step;
    } catch (ClosedChannelException e) {
      closeReader();
      throw e;
    } catch (IOException e) {
      closeReader();
      reportInvalid(segment, position, "unreadable: " + e);
      if (segment == segments.getLast()) {
        writer.closeChannel();
      }
      segment.readable = position;
      return new End(-1, null);
    }
  }

  private void reportInvalid(Segment segment, long offset, String reason) {
    if (!segment.reportedInvalid.add(offset)) {
      return;
    }
    corruptRecords.incrementAndGet();
    LOG.warn("journal segment {}: invalid record at offset {} skipped ({})", segment.path, offset, reason);
    tell(l -> l.corruptRecord(segment.path, offset, reason));
  }

  private void persistCursor() {
    acksSincePersist = 0;
    if (ackedIndex == persistedAckedIndex) {
      return;
    }
    try {
      CursorFile.write(dir, ackedIndex);
      persistedAckedIndex = ackedIndex;
    } catch (IOException e) {
      writeFailed(e);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Closing

  /** Forces the newest segment, persists the acknowledged position and closes the files. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    try {
      writer.forceAll();
    } catch (IOException e) {
      writeFailed(e);
    }
    persistCursor();
    closed = true;
    closeChannels();
    LOG.info("journal {} closed: {} entries pending, {} bytes", dir, pendingEntries, sizeBytes);
  }

  /** For tests: what {@code kill -9} leaves, i.e. the files as written, nothing forced or persisted. */
  synchronized void abandon() {
    closed = true;
    closeChannels();
  }

  private void closeChannels() {
    writer.closeChannel();
    closeReader();
  }

  private void closeReader() {
    if (reader != null) {
      try {
        reader.close();
      } catch (IOException e) {
        LOG.debug("closing a journal segment: {}", e.toString());
      }
      reader = null;
      readerSegment = null;
    }
  }

  private void closeReaderOf(Segment segment) {
    if (readerSegment == segment) {
      closeReader();
    }
  }

  private void tell(Consumer<JournalListener> event) {
    try {
      event.accept(listener);
    } catch (RuntimeException e) {
      LOG.warn("journal listener failed: {}", e.toString(), e);
    }
  }

  private void updateGauges() {
    sizeBytes = totalBytes;
    pendingEntries = Math.max(0, totalEntries - readConsumed);
    acknowledgedIndex = ackedIndex;
  }

  // ---------------------------------------------------------------------------------------------
  // Gauges and counters (lock-free)

  /** Bytes in segment files now (bounded by {@code maxBytes}). */
  public long sizeBytes() {
    return sizeBytes;
  }

  /** Entries not yet acknowledged. */
  public long pendingEntries() {
    return pendingEntries;
  }

  /** The last acknowledged index (0 before any). */
  public long acknowledgedIndex() {
    return acknowledgedIndex;
  }

  /** Messages journaled since open. */
  public long appended() {
    return appended.get();
  }

  /** Entries acknowledged (replayed and acked by the broker) since open. */
  public long acknowledged() {
    return acknowledged.get();
  }

  /** Unacknowledged entries lost to the size bound since open. */
  public long droppedEntries() {
    return droppedEntries.get();
  }

  /** Places with invalid bytes skipped since open. */
  public long corruptRecords() {
    return corruptRecords.get();
  }

  /** Failed appends, fsyncs and cursor updates since open. */
  public long writeFailures() {
    return writeFailures.get();
  }

  /** Incomplete records truncated from the newest segment on open (0 or 1). */
  public long tailTruncations() {
    return tailTruncations.get();
  }

  /** Forces of segment data to the device since open. */
  public long syncs() {
    return writer.syncs();
  }
}
