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
      for (int i = 0; i < points.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        out.append('[');
        json.number(points.time(i) / 1000.0);
        out.append(',');
        json.number(points.value(i));
        out.append(']');
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

  private static void send(Set<WebSocketSession> sessions, String text) {
    for (WebSocketSession session : sessions) {
      if (session.isOpen()) {
        session.sendAsync(text);
      }
    }
  }
}
