package space.lunarbase.station.ingest;

/** Where committed live data goes (the console's WebSocket sessions), and which series are watched. */
public interface LiveSink {

  /** True when some console watches the series {@code site/controller/name}. */
  boolean watches(String seriesKey);

  /** Delivers a committed batch. Must not block. */
  void publish(LiveBatch batch);

  /** A sink that watches nothing. */
  LiveSink NONE = new LiveSink() {
    @Override
    public boolean watches(String seriesKey) {
      return false;
    }

    @Override
    public void publish(LiveBatch batch) {}
  };
}
