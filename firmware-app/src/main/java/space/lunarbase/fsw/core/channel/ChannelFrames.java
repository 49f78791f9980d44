package space.lunarbase.fsw.core.channel;

import java.time.Instant;
import java.util.zip.CRC32C;
import space.lunarbase.fsw.core.telemetry.BirthListener;
import space.lunarbase.fsw.core.telemetry.HeaderStamper;
import space.lunarbase.fsw.core.telemetry.Outbound;
import space.lunarbase.fsw.core.telemetry.Outbox;
import space.lunarbase.proto.v1.ChannelCatalogue;
import space.lunarbase.proto.v1.ChannelInfo;
import space.lunarbase.proto.v1.ChannelTelemetry;
import space.lunarbase.proto.v1.LimitLevel;
import space.lunarbase.proto.v1.Quality;
import space.lunarbase.proto.v1.TelemetryFrame;

/**
 * Every declared channel as telemetry on {@code tlm/channels} ({@link ChannelTelemetry}): after
 * every {@code everyCycles}-th limit-monitor cycle, each channel's last value, quality and level as
 * the monitor judged it, in catalogue order. The catalogue (names, units, limits) goes with the
 * first frame, after every birth ({@link BirthListener}) and at least every {@code catalogueEvery}
 * frames; every frame names it by id (CRC-32C of its bytes). A channel a subsystem adds to its
 * {@link ChannelSet} is in the next start's catalogue with no other code. Runs on the monitor's thread.
 */
public final class ChannelFrames implements BirthListener {

  /** The stream channel frames go to. */
  public static final String STREAM = "tlm/channels";

  private final LimitMonitor monitor;
  private final HeaderStamper headers;
  private final Outbox outbox;
  private final int qos;
  private final int everyCycles;
  private final int catalogueEvery;
  private final ChannelCatalogue catalogue;
  private final int catalogueId;
  private volatile boolean catalogueDue = true;
  private long cycles;
  private long framesWithoutCatalogue;

  /**
   * @param everyCycles a frame after every this many monitor cycles (at least 1)
   * @param catalogueEvery the catalogue at least every this many frames (at least 1)
   */
  public ChannelFrames(LimitMonitor monitor, HeaderStamper headers, Outbox outbox, int qos, int everyCycles,
                       int catalogueEvery) {
    if (everyCycles < 1 || catalogueEvery < 1) {
      throw new IllegalArgumentException("everyCycles and catalogueEvery must be at least 1");
    }
    this.monitor = monitor;
    this.headers = headers;
    this.outbox = outbox;
    this.qos = qos;
    this.everyCycles = everyCycles;
    this.catalogueEvery = catalogueEvery;
    this.catalogue = catalogue(monitor);
    CRC32C crc = new CRC32C();
    crc.update(catalogue.toByteArray());
    this.catalogueId = (int) crc.getValue();
  }

  private static ChannelCatalogue catalogue(LimitMonitor monitor) {
    ChannelCatalogue.Builder catalogue = ChannelCatalogue.newBuilder();
    for (ChannelSpec spec : monitor.specs()) {
      catalogue.addChannels(ChannelInfo.newBuilder().setName(spec.name()).setUnit(spec.unit())
          .setYellowLow(spec.yellowLow()).setYellowHigh(spec.yellowHigh())
          .setRedLow(spec.redLow()).setRedHigh(spec.redHigh()).setPersistence(spec.persistence()));
    }
    return catalogue.build();
  }

  /** The catalogue's id, as every frame carries it. */
  public int catalogueId() {
    return catalogueId;
  }

  @Override
  public void born() {
    catalogueDue = true;
  }

  /**
   * Called after each monitor cycle: publishes a frame every {@code everyCycles} cycles, the first
   * after {@code everyCycles} (none without channels).
   */
  public void afterCycle(Instant cycleTime) {
    if (++cycles % everyCycles != 0 || monitor.size() == 0) {
      return;
    }
    TelemetryFrame frame = TelemetryFrame.newBuilder().setHeader(headers.next(STREAM, cycleTime))
        .setChannels(next()).build();
    outbox.offer(new Outbound(STREAM, frame.toByteArray(), qos, false));
  }

  /** The next frame's content: the catalogue when due. */
  ChannelTelemetry next() {
    boolean withCatalogue = catalogueDue || framesWithoutCatalogue + 1 >= catalogueEvery;
    if (withCatalogue) {
      catalogueDue = false;
      framesWithoutCatalogue = 0;
    } else {
      framesWithoutCatalogue++;
    }
    return values(withCatalogue);
  }

  /** Every channel's value, quality and level now; with the catalogue if asked. */
  public ChannelTelemetry values(boolean withCatalogue) {
    int n = monitor.size();
    ChannelTelemetry.Builder frame = ChannelTelemetry.newBuilder().setCatalogueId(catalogueId);
    if (withCatalogue) {
      frame.setCatalogue(catalogue);
    }
    Quality[] qualities = new Quality[n];
    LimitLevel[] levels = new LimitLevel[n];
    boolean allGood = true;
    boolean allInLimits = true;
    for (int i = 0; i < n; i++) {
      Sample sample = monitor.sample(i);
      frame.addValue((float) sample.value());
      qualities[i] = quality(sample);
      if (qualities[i] != Quality.QUALITY_GOOD) {
        allGood = false;
        frame.putFaults(i, sample.fault().isEmpty() ? "value " + sample.value() : sample.fault());
      }
      levels[i] = level(monitor.level(i));
      allInLimits &= levels[i] == LimitLevel.LIMIT_LEVEL_IN_LIMITS;
    }
    if (!allGood) {
      frame.addAllQuality(java.util.Arrays.asList(qualities));
    }
    if (!allInLimits) {
      frame.addAllLevel(java.util.Arrays.asList(levels));
    }
    return frame.build();
  }

  /** As the monitor sees it: a GOOD reading that is not finite is no measurement either. */
  private static Quality quality(Sample sample) {
    if (sample.usable()) {
      return Quality.QUALITY_GOOD;
    }
    return switch (sample.quality()) {
      case GOOD, OUT_OF_RANGE -> Quality.QUALITY_OUT_OF_RANGE;
      case STALE -> Quality.QUALITY_STALE;
      case FAILED -> Quality.QUALITY_FAILED;
    };
  }

  static LimitLevel level(Level level) {
    return switch (level) {
      case IN_LIMITS -> LimitLevel.LIMIT_LEVEL_IN_LIMITS;
      case YELLOW_LO -> LimitLevel.LIMIT_LEVEL_YELLOW_LO;
      case YELLOW_HI -> LimitLevel.LIMIT_LEVEL_YELLOW_HI;
      case RED_LO -> LimitLevel.LIMIT_LEVEL_RED_LO;
      case RED_HI -> LimitLevel.LIMIT_LEVEL_RED_HI;
    };
  }
}
