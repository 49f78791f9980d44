package space.lunarbase.fsw.core.channel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import space.lunarbase.fsw.core.event.CoreEvents;
import space.lunarbase.fsw.core.event.EventLog;
import space.lunarbase.hal.Quality;

/**
 * Checks every declared channel against its limits once per {@link #evaluate} (a task of a rate
 * group). A channel changes level only after {@code persistence} consecutive good samples at the
 * new level; a bad-quality sample (not GOOD, or not finite) never changes the level, breaks the
 * run, and raises {@link CoreEvents#CHANNEL_BAD_QUALITY} once until the quality is good again; a sample that
 * does not apply ({@link Sample#notApplicable}) changes nothing and raises nothing. Level changes raise
 * {@link CoreEvents#LIMIT_YELLOW} (WARNING_LO), {@link CoreEvents#LIMIT_RED} (WARNING_HI) or {@link CoreEvents#LIMIT_IN_LIMITS} (ACTIVITY_LO),
 * each with channel, value and limit, and go to the {@link LimitListener}s. Red transitions, and
 * leaving red, are never throttled; yellow and quality events are.
 */
public final class LimitMonitor {


  private static final Logger LOG = LoggerFactory.getLogger(LimitMonitor.class);

  private final List<ChannelSet> sets;
  private final Channel[] channels;
  private final State[] states;
  private final Map<String, State> byName = new LinkedHashMap<>();
  private final EventLog events;
  private final List<LimitListener> listeners;

  /** Channel names must be distinct across all sets. */
  public LimitMonitor(List<ChannelSet> sets, EventLog events, List<LimitListener> listeners) {
    this.sets = List.copyOf(sets);
    this.events = events;
    this.listeners = List.copyOf(listeners);
    List<Channel> all = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (ChannelSet set : this.sets) {
      for (Channel channel : set.channels()) {
        if (!names.add(channel.spec().name())) {
          throw new IllegalArgumentException("two channels named " + channel.spec().name());
        }
        all.add(channel);
      }
    }
    channels = all.toArray(Channel[]::new);
    states = new State[channels.length];
    for (int i = 0; i < channels.length; i++) {
      states[i] = new State();
      byName.put(channels[i].spec().name(), states[i]);
    }
  }

  /** One check of every channel, for the cycle at {@code now}. */
  public void evaluate(Instant now) {
    for (ChannelSet set : sets) {
      try {
        set.refresh(now);
      } catch (RuntimeException e) {
        LOG.error("channel set {} failed to refresh: {}", set.getClass().getSimpleName(), e.toString(), e);
      }
    }
    for (int i = 0; i < channels.length; i++) {
      check(channels[i], states[i], sample(channels[i]), now);
    }
  }

  private static Sample sample(Channel channel) {
    try {
      Sample sample = channel.source().get();
      return sample == null ? Sample.bad(Quality.FAILED, "no sample") : sample;
    } catch (RuntimeException e) {
      return Sample.bad(Quality.FAILED, "sampling failed: " + e);
    }
  }

  private void check(Channel channel, State state, Sample sample, Instant now) {
    ChannelSpec spec = channel.spec();
    state.last = sample;
    if (!sample.applies()) {
      // nothing to check and nothing wrong: a bad reading before is no longer one
      state.run = 0;
      state.bad = false;
      return;
    }
    if (!sample.usable()) {
      state.run = 0;
      if (!state.bad) {
        state.bad = true;
        String fault = sample.fault().isEmpty() ? "value " + sample.value() : sample.fault();
        events.emit(CoreEvents.CHANNEL_BAD_QUALITY, spec.name() + " is " + sample.quality() + ": " + fault + "; limits not checked",
            Map.of("channel", spec.name(), "quality", sample.quality().name(), "fault", fault));
      }
      return;
    }
    if (state.bad) {
      state.bad = false;
      events.emit(CoreEvents.CHANNEL_QUALITY_GOOD, spec.name() + " is GOOD again", Map.of("channel", spec.name()));
    }
    Level seen = spec.classify(sample.value());
    if (seen == state.level) {
      state.run = 0;
      return;
    }
    if (seen != state.pending) {
      state.pending = seen;
      state.run = 0;
    }
    if (++state.run < spec.persistence()) {
      return;
    }
    Level from = state.level;
    state.level = seen;
    state.run = 0;
    double limit = spec.limit(seen == Level.IN_LIMITS ? from : seen);
    announce(new LimitListener.Transition(spec, from, seen, sample.value(), limit, now));
  }

  private void announce(LimitListener.Transition t) {
    ChannelSpec spec = t.spec();
    Map<String, String> args = new LinkedHashMap<>();
    args.put("channel", spec.name());
    args.put("value", Double.toString(t.value()));
    args.put("limit", Double.toString(t.limit()));
    args.put("unit", spec.unit());
    args.put("from", t.from().name());
    args.put("to", t.to().name());
    String text = switch (t.to()) {
      case IN_LIMITS -> "%s back within limits: %s %s (limit %s, was %s)"
          .formatted(spec.name(), t.value(), spec.unit(), t.limit(), t.from());
      default -> "%s %s: %s %s beyond %s %s for %d sample(s)"
          .formatted(spec.name(), t.to(), t.value(), spec.unit(), t.limit(), spec.unit(), spec.persistence());
    };
    EventLog.Kind kind = t.to().red() ? CoreEvents.LIMIT_RED : t.to().yellow() ? CoreEvents.LIMIT_YELLOW : CoreEvents.LIMIT_IN_LIMITS;
    if (t.to().red() || t.from().red()) {
      events.emitUnthrottled(kind, text, args);
    } else {
      events.emit(kind, text, args);
    }
    for (LimitListener listener : listeners) {
      try {
        listener.transition(t);
      } catch (RuntimeException e) {
        LOG.error("limit listener failed on {}: {}", spec.name(), e.toString(), e);
      }
    }
  }

  /** The level of channel {@code name} now (IN_LIMITS until it first trips). */
  public Level level(String name) {
    State state = byName.get(name);
    if (state == null) {
      throw new IllegalArgumentException("no channel named " + name);
    }
    return state.level;
  }

  /** Every channel's declaration, in order. */
  public List<ChannelSpec> specs() {
    List<ChannelSpec> specs = new ArrayList<>(channels.length);
    for (Channel channel : channels) {
      specs.add(channel.spec());
    }
    return specs;
  }

  /** How many channels are monitored. */
  public int size() {
    return channels.length;
  }

  /** The level of the channel at {@code index} (in {@link #specs()} order) now. */
  public Level level(int index) {
    return states[index].level;
  }

  /** The last sample of the channel at {@code index}; a STALE "not sampled yet" before the first cycle. */
  public Sample sample(int index) {
    return states[index].last;
  }

  /**
   * Where one subsystem's channels stand now (readable from any thread).
   *
   * @param channels how many channels the subsystem has
   * @param worst the worst level among them (IN_LIMITS when it has none)
   * @param yellow the channels at a yellow level
   * @param red the channels at a red level
   * @param badQuality the channels whose last reading was not usable (limits not checked)
   */
  public record Summary(int channels, Level worst, List<String> yellow, List<String> red, List<String> badQuality) {}

  /** The {@link Summary} of the channels named {@code subsystem.*}. */
  public Summary summary(String subsystem) {
    int count = 0;
    Level worst = Level.IN_LIMITS;
    List<String> yellow = new ArrayList<>();
    List<String> red = new ArrayList<>();
    List<String> bad = new ArrayList<>();
    for (int i = 0; i < channels.length; i++) {
      ChannelSpec spec = channels[i].spec();
      if (!spec.subsystem().equals(subsystem)) {
        continue;
      }
      count++;
      State state = states[i];
      Level level = state.level;
      if (level.ordinal() > worst.ordinal()) {
        worst = level;
      }
      if (level.red()) {
        red.add(spec.name());
      } else if (level.yellow()) {
        yellow.add(spec.name());
      }
      if (state.bad) {
        bad.add(spec.name());
      }
    }
    return new Summary(count, worst, List.copyOf(yellow), List.copyOf(red), List.copyOf(bad));
  }

  /** A channel's state; written by the monitor's thread only. */
  private static final class State {
    private volatile Level level = Level.IN_LIMITS;
    private volatile Sample last = Sample.bad(Quality.STALE, "not sampled yet");
    private volatile boolean bad;
    private Level pending = Level.IN_LIMITS;
    private int run;
  }
}
