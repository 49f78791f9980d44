package space.lunarbase.station.web;

import io.micronaut.websocket.WebSocketSession;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import space.lunarbase.station.ingest.LiveBatch;
import space.lunarbase.station.ingest.LiveSink;

/**
 * Fans committed live data out to the console's WebSocket sessions: each session subscribes to
 * series keys ({@code site/controller/name}) and logs ({@code log:events}, {@code log:commands}).
 * One text message per series per commit: {@code {"key":…,"points":[[utcMillis,value],…]}}; log
 * records as {@code {"key":"log:events","records":[{…},…]}}.
 *
 * <p>A fast series is thinned for the screen ({@link LiveEnvelope}): per 100 ms of sample time
 * at most its minimum and its maximum, in time order. A live plot's envelope is unchanged (a 1 kHz
 * channel sends 20 to 40 points a second instead of 1000); every sample is in the archive, and the
 * console's history requests (zoomed in, or after a pause) come back exact.
 */
@Singleton
public final class LiveBus implements LiveSink {

  private final Map<String, Set<WebSocketSession>> subscribers = new ConcurrentHashMap<>();

  void subscribe(String key, WebSocketSession session) {
    subscribers.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(session);
  }

  void unsubscribe(String key, WebSocketSession session) {
    Set<WebSocketSession> sessions = subscribers.get(key);
    if (sessions != null) {
      sessions.remove(session);
      if (sessions.isEmpty()) {
        subscribers.remove(key, sessions);
      }
    }
  }

  void gone(WebSocketSession session) {
    subscribers.keySet().forEach(key -> unsubscribe(key, session));
  }

  @Override
  public boolean watches(String seriesKey) {
    return subscribers.containsKey(seriesKey);
  }

  @Override
  public void publish(LiveBatch batch) {
    for (Map.Entry<String, LiveBatch.Points> entry : batch.points().entrySet()) {
      Set<WebSocketSession> sessions = subscribers.get(entry.getKey());
      if (sessions == null || sessions.isEmpty()) {
        continue;
      }
      Json json = new Json();
      StringBuilder out = json.builder();
      out.append("{\"key\":");
      json.string(entry.getKey());
      out.append(",\"points\":[");
      LiveBatch.Points points = entry.getValue();
      int[] kept = LiveEnvelope.of(points);
      for (int i = 0; i < kept.length; i++) {
        point(json, i > 0, points.time(kept[i]), points.value(kept[i]));
      }
      out.append("]}");
      send(sessions, out.toString());
    }
    for (String log : new String[] {"events", "commands"}) {
      Set<WebSocketSession> sessions = subscribers.get("log:" + log);
      if (sessions == null || sessions.isEmpty()) {
        continue;
      }
      var records = batch.records().stream().filter(r -> r.log().equals(log)).map(LiveBatch.LogRecord::fields).toList();
      if (!records.isEmpty()) {
        send(sessions, Json.of(Map.of("key", "log:" + log, "records", records)));
      }
    }
  }

  private static void point(Json json, boolean comma, long timeMicros, double value) {
    StringBuilder out = json.builder();
    if (comma) {
      out.append(',');
    }
    out.append('[');
    json.number(timeMicros / 1000.0);
    out.append(',');
    json.number(value);
    out.append(']');
  }

  private static void send(Set<WebSocketSession> sessions, String text) {
    for (WebSocketSession session : sessions) {
      if (session.isOpen()) {
        // live points are best effort: a console that cannot take them catches up from history
        var unused = session.sendAsync(text);
      }
    }
  }
}
