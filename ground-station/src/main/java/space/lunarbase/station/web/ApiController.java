package space.lunarbase.station.web;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import space.lunarbase.proto.v1.ChannelDef;
import space.lunarbase.station.Station;
import space.lunarbase.station.archive.History;
import space.lunarbase.station.archive.Tables;
import space.lunarbase.station.site.ControllerSnapshot;
import space.lunarbase.station.site.KnownDictionary;
import space.lunarbase.station.site.Limits;
import space.lunarbase.station.site.Series;

/**
 * The station's REST API (JSON; times in UTC milliseconds, as Open MCT counts them):
 * <ul>
 *   <li>{@code GET /api/site}: controllers with their state, modes, link, worst limit, series
 *       (name, unit, kind, limits: the dictionary's where it declares the channel, else the
 *       catalogue's) and dictionary ({@link DictionaryJson}, or null without one);
 *   <li>{@code GET /api/fleet}: the same without the series (the overview);
 *   <li>{@code GET /api/history?controller=S/C&channel=N&start=&end=[&size=1000][&strategy=minmax]}:
 *       datums {@code {utc, value}}; with {@code strategy=minmax}, when the range holds more than
 *       {@code size} samples, two datums per bucket (its min and its max, with {@code min},
 *       {@code max}, {@code mean}, {@code count});
 *   <li>{@code GET /api/history.csv?...}: the same as CSV ({@code time,value}, or
 *       {@code time,min,max,mean,count} when decimated);
 *   <li>{@code GET /api/log/events?start=&end=[&controller=]}, {@code /api/log/commands}: events
 *       and state changes; commands and acks;
 *   <li>{@code GET /api/gaps[?controller=]}: holes found in sequences, and their filling;
 *   <li>{@code GET /api/status}: ingest counters and the link.
 * </ul>
 * A bad request is a 400 with {@code {"error": reason}}.
 */
@Controller("/api")
public final class ApiController {

  private static final int MAX_SIZE = 100_000;

  private final Station station;

  ApiController(Station station) {
    this.station = station;
  }

  @Get(value = "/site", produces = MediaType.APPLICATION_JSON)
  public String site() {
    List<Object> controllers = new ArrayList<>();
    for (ControllerSnapshot c : station.site().controllers()) {
      Map<String, Object> map = controller(c);
      Optional<KnownDictionary> dictionary = c.dictionary();
      List<Object> series = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      for (Series s : c.series()) {
        seen.add(s.name());
        Optional<ChannelDef> declared = dictionary.flatMap(d -> d.channel(s.name()));
        String unit = declared.map(ChannelDef::getUnit).filter(u -> !u.isEmpty()).orElse(s.unit());
        Limits limits = declared.map(KnownDictionary::limits).filter(Limits::any).orElse(s.limits());
        series.add(series(s.name(), unit, s.kind(), s.subsystem(), limits, declared));
      }
      dictionary.ifPresent(d -> d.dictionary().getChannelsList().stream().filter(ch -> !seen.contains(ch.getName()))
          .forEach(ch -> series.add(series(ch.getName(), ch.getUnit(), Series.Kind.CHANNEL,
              KnownDictionary.subsystemOf(ch.getName()), KnownDictionary.limits(ch), Optional.of(ch)))));
      map.put("series", series);
      map.put("dictionary", dictionary.map(DictionaryJson::of).orElse(null));
      controllers.add(map);
    }
    return Json.of(Map.of("root", station.settings().topicRoot(), "controllers", controllers));
  }

  /** One series: units and limits from the dictionary where it declares them, else the catalogue's. */
  private static Map<String, Object> series(String name, String unit, Series.Kind kind, String subsystem,
      Limits limits, Optional<ChannelDef> declared) {
    Map<String, Object> one = new LinkedHashMap<>();
    one.put("name", name);
    one.put("unit", unit);
    one.put("kind", kind.name());
    one.put("subsystem", subsystem);
    if (limits.any()) {
      one.put("limits", limits(limits));
    }
    declared.ifPresent(d -> {
      one.put("declared", true);
      one.put("type", d.getType());
    });
    return one;
  }

  @Get(value = "/fleet", produces = MediaType.APPLICATION_JSON)
  public String fleet() {
    List<Object> controllers = new ArrayList<>();
    for (ControllerSnapshot c : station.site().controllers()) {
      controllers.add(controller(c));
    }
    return Json.of(Map.of("controllers", controllers));
  }

  private static Map<String, Object> controller(ControllerSnapshot c) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("key", c.key());
    map.put("site", c.site());
    map.put("controller", c.controller());
    map.put("status", c.status());
    map.put("reason", c.reason());
    map.put("boot", c.boot());
    map.put("firmware", c.firmware());
    map.put("halMode", c.halMode());
    map.put("schemaHash", c.schemaHash());
    map.put("dictionaryHash", c.dictionaryHash());
    map.put("stateTime", c.stateTimeMicros() / 1000);
    map.put("lastMessage", c.lastMessageMicros() / 1000);
    map.put("linkStatus", c.linkStatus());
    map.put("modes", new java.util.TreeMap<>(c.modes()));
    map.put("worstLevel", c.worstLevel());
    map.put("worstChannels", c.worstChannels());
    return map;
  }

  static Map<String, Object> limits(Limits limits) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("yellowLow", limits.yellowLow());
    map.put("yellowHigh", limits.yellowHigh());
    map.put("redLow", limits.redLow());
    map.put("redHigh", limits.redHigh());
    return map;
  }

  /** A checked history request. */
  private record Range(String controller, String channel, long fromMicros, long toMicros, int size, boolean minmax) {}

  private static Range range(String controller, String channel, Long start, Long end, Optional<Integer> size,
      Optional<String> strategy) {
    if (controller == null || !controller.matches("[a-z0-9-]{1,64}/[a-z0-9-]{1,64}")) {
      throw new BadRequest("controller must be site/controller, was '" + controller + "'");
    }
    if (channel == null || channel.isBlank() || channel.length() > 200) {
      throw new BadRequest("channel is missing");
    }
    if (start == null || end == null || end < start) {
      throw new BadRequest("start and end (UTC ms, start <= end) are required");
    }
    int points = size.orElse(1000);
    if (points < 1 || points > MAX_SIZE) {
      throw new BadRequest("size must be within 1.." + MAX_SIZE + ", was " + points);
    }
    String s = strategy.orElse("");
    if (!s.isEmpty() && !s.equals("minmax") && !s.equals("exact") && !s.equals("latest")) {
      throw new BadRequest("strategy must be minmax, exact or latest, was '" + s + "'");
    }
    return new Range(controller, channel, start * 1000, end * 1000 + 1, points, s.equals("minmax"));
  }

  @Get(value = "/history", produces = MediaType.APPLICATION_JSON)
  public HttpResponse<String> history(@QueryValue String controller, @QueryValue String channel,
      @QueryValue Long start, @QueryValue Long end, @QueryValue Optional<Integer> size,
      @QueryValue Optional<String> strategy) {
    try {
      Range r = range(controller, channel, start, end, size, strategy);
      Json json = new Json();
      StringBuilder out = json.builder();
      out.append('[');
      if (r.minmax()) {
        History.Series series = station.history().forPlot(r.controller(), r.channel(), r.fromMicros(), r.toMicros(),
            r.size());
        if (series.exact()) {
          points(json, series.points());
        } else {
          boolean first = true;
          for (History.Bucket b : series.buckets()) {
            if (!first) {
              out.append(',');
            }
            first = false;
            bucketDatum(json, b.tsMicros(), b.min(), b);
            out.append(',');
            bucketDatum(json, b.tsMicros() + series.bucketMicros() / 2, b.max(), b);
          }
        }
      } else {
        points(json, station.history().raw(r.controller(), r.channel(), r.fromMicros(), r.toMicros(), MAX_SIZE));
      }
      out.append(']');
      return HttpResponse.ok(out.toString());
    } catch (BadRequest e) {
      return HttpResponse.<String>badRequest(Json.of(Map.of("error", e.getMessage())))
          .contentType(MediaType.APPLICATION_JSON_TYPE);
    }
  }

  private static void points(Json json, List<History.Point> points) {
    StringBuilder out = json.builder();
    for (int i = 0; i < points.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append("{\"utc\":");
      json.number(points.get(i).tsMicros() / 1000.0);
      out.append(",\"value\":");
      json.number(points.get(i).value());
      out.append('}');
    }
  }

  private static void bucketDatum(Json json, long tsMicros, double value, History.Bucket b) {
    StringBuilder out = json.builder();
    out.append("{\"utc\":");
    json.number(tsMicros / 1000.0);
    out.append(",\"value\":");
    json.number(value);
    out.append(",\"min\":");
    json.number(b.min());
    out.append(",\"max\":");
    json.number(b.max());
    out.append(",\"mean\":");
    json.number(b.mean());
    out.append(",\"count\":").append(b.count()).append('}');
  }

  @Get(value = "/history.csv", produces = "text/csv")
  public HttpResponse<String> historyCsv(@QueryValue String controller, @QueryValue String channel,
      @QueryValue Long start, @QueryValue Long end, @QueryValue Optional<Integer> size,
      @QueryValue Optional<String> strategy) {
    try {
      Range r = range(controller, channel, start, end, size, strategy);
      StringBuilder out = new StringBuilder();
      if (r.minmax()) {
        History.Series series = station.history().forPlot(r.controller(), r.channel(), r.fromMicros(), r.toMicros(),
            r.size());
        if (!series.exact()) {
          out.append("time,min,max,mean,count\n");
          for (History.Bucket b : series.buckets()) {
            out.append(iso(b.tsMicros())).append(',').append(b.min()).append(',').append(b.max()).append(',')
                .append(b.mean()).append(',').append(b.count()).append('\n');
          }
          return csv(r, out);
        }
        return csv(r, rawCsv(out, series.points()));
      }
      return csv(r, rawCsv(out, station.history().raw(r.controller(), r.channel(), r.fromMicros(), r.toMicros(),
          Integer.MAX_VALUE)));
    } catch (BadRequest e) {
      return HttpResponse.<String>badRequest("error," + e.getMessage() + "\n").contentType("text/csv");
    }
  }

  private static StringBuilder rawCsv(StringBuilder out, List<History.Point> points) {
    out.append("time,value\n");
    for (History.Point p : points) {
      out.append(iso(p.tsMicros())).append(',').append(p.value()).append('\n');
    }
    return out;
  }

  private static HttpResponse<String> csv(Range r, StringBuilder out) {
    String file = (r.controller() + "_" + r.channel()).replaceAll("[^A-Za-z0-9._-]", "_") + ".csv";
    return HttpResponse.ok(out.toString()).contentType("text/csv")
        .header("Content-Disposition", "attachment; filename=\"" + file + "\"");
  }

  private static String iso(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L).toString();
  }

  @Get(value = "/log/{log}", produces = MediaType.APPLICATION_JSON)
  public HttpResponse<String> log(String log, @QueryValue Long start, @QueryValue Long end,
      @QueryValue Optional<String> controller) {
    long from = start * 1000;
    long to = end * 1000 + 1;
    String where = " WHERE ts >= " + from + " AND ts < " + to
        + controller.map(c -> " AND controller = " + Tables.literal(c)).orElse("");
    List<Object> rows = new ArrayList<>();
    switch (log) {
      case "events" -> {
        station.archive().query("SELECT ts, controller, severity, id, name, subsystem, text, historical FROM events"
            + where + " LIMIT 10000", row -> {
              Map<String, Object> d = new LinkedHashMap<>();
              d.put("utc", row.getTimestamp(0) / 1000);
              d.put("controller", row.text(1));
              d.put("kind", "EVENT");
              d.put("severity", row.text(2));
              d.put("id", row.getInt(3));
              d.put("event", row.text(4));
              d.put("subsystem", row.text(5));
              d.put("text", row.text(6));
              d.put("historical", row.getBool(7));
              rows.add(d);
              return true;
            });
        station.archive().query("SELECT ts, controller, status, boot, reason, retained FROM states" + where
            + " LIMIT 10000", row -> {
              Map<String, Object> d = new LinkedHashMap<>();
              String status = row.text(2);
              d.put("utc", row.getTimestamp(0) / 1000);
              d.put("controller", row.text(1));
              d.put("kind", "STATE");
              d.put("severity", status.equals("ONLINE") ? "ACTIVITY_HI" : "WARNING_HI");
              d.put("id", 0);
              d.put("event", status);
              d.put("subsystem", "link");
              String reason = row.text(4);
              d.put("text", status + " boot " + row.getLong(3) + (reason.isEmpty() ? "" : " (" + reason + ")"));
              d.put("historical", row.getBool(5));
              rows.add(d);
              return true;
            });
      }
      case "commands" -> {
        station.archive().query("SELECT ts, controller, command, status, reason, key_id, counter, text, historical"
            + " FROM acks" + where + " LIMIT 10000", row -> {
              Map<String, Object> d = new LinkedHashMap<>();
              d.put("utc", row.getTimestamp(0) / 1000);
              d.put("controller", row.text(1));
              d.put("kind", "ACK");
              d.put("command", row.text(2));
              d.put("status", row.text(3));
              d.put("reason", row.text(4));
              d.put("key", row.text(5));
              d.put("counter", row.getLong(6));
              d.put("text", row.text(7));
              d.put("historical", row.getBool(8));
              rows.add(d);
              return true;
            });
        station.archive().query("SELECT ts, controller, command, key_id, counter, args, readable FROM commands"
            + where + " LIMIT 10000", row -> {
              Map<String, Object> d = new LinkedHashMap<>();
              d.put("utc", row.getTimestamp(0) / 1000);
              d.put("controller", row.text(1));
              d.put("kind", "CMD");
              d.put("command", row.getBool(6) ? row.text(2) : "(unreadable body)");
              d.put("status", "SENT");
              d.put("reason", "");
              d.put("key", row.text(3));
              d.put("counter", row.getLong(4));
              d.put("text", row.text(5));
              d.put("historical", false);
              rows.add(d);
              return true;
            });
      }
      default -> {
        return HttpResponse.<String>notFound(Json.of(Map.of("error", "no log '" + log + "': events or commands")))
            .contentType(MediaType.APPLICATION_JSON_TYPE);
      }
    }
    rows.sort(java.util.Comparator.comparingLong(d -> ((Number) ((Map<?, ?>) d).get("utc")).longValue()));
    return HttpResponse.ok(Json.of(rows));
  }

  @Get(value = "/gaps", produces = MediaType.APPLICATION_JSON)
  public String gaps(@QueryValue Optional<String> controller) {
    List<Object> rows = new ArrayList<>();
    station.archive().query("SELECT ts, controller, topic, boot, first, last, filled FROM gaps"
        + controller.map(c -> " WHERE controller = " + Tables.literal(c)).orElse("") + " LIMIT 10000", row -> {
          Map<String, Object> d = new LinkedHashMap<>();
          d.put("utc", row.getTimestamp(0) / 1000);
          d.put("controller", row.text(1));
          d.put("topic", row.text(2));
          d.put("boot", row.getLong(3));
          d.put("first", row.getLong(4));
          d.put("last", row.getLong(5));
          d.put("filled", row.getBool(6));
          rows.add(d);
          return true;
        });
    return Json.of(rows);
  }

  @Get(value = "/status", produces = MediaType.APPLICATION_JSON)
  public String status() {
    var c = station.ingest().counters();
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("broker", station.settings().brokerUrl());
    map.put("clientId", station.link().clientId());
    map.put("connected", station.link().isConnected());
    map.put("asksRebirths", station.link().asksRebirths());
    map.put("rebirthRequests", station.link().rebirthRequests());
    map.put("messages", c.messages);
    map.put("committedMessages", station.ingest().committedMessages());
    map.put("duplicates", c.duplicates);
    map.put("gaps", c.gaps);
    map.put("filled", c.filled);
    map.put("rejected", c.rejected);
    map.put("dictionaries", c.dictionaries);
    map.put("samples", c.samples);
    map.put("archive", station.archive().folder().toAbsolutePath().toString());
    return Json.of(map);
  }

  /** A request the API refuses, with the reason. */
  static final class BadRequest extends RuntimeException {
    BadRequest(String message) {
      super(message);
    }
  }
}
