package space.lunarbase.station.web;

import io.micronaut.websocket.WebSocketSession;
import io.micronaut.websocket.annotation.OnClose;
import io.micronaut.websocket.annotation.OnMessage;
import io.micronaut.websocket.annotation.OnOpen;
import io.micronaut.websocket.annotation.ServerWebSocket;

/**
 * The console's live feed, {@code /realtime}: the client sends {@code subscribe KEY} or
 * {@code unsubscribe KEY} lines (a series key {@code site/controller/name} or a log,
 * {@code log:events}, {@code log:commands}); the server pushes what {@link LiveBus} delivers.
 */
@ServerWebSocket("/realtime")
public final class RealtimeSocket {

  private final LiveBus bus;

  RealtimeSocket(LiveBus bus) {
    this.bus = bus;
  }

  @OnOpen
  public void onOpen(WebSocketSession session) {}

  @OnMessage
  public void onMessage(String message, WebSocketSession session) {
    for (String line : message.split("\n")) {
      String trimmed = line.strip();
      if (trimmed.startsWith("subscribe ")) {
        bus.subscribe(trimmed.substring("subscribe ".length()).strip(), session);
      } else if (trimmed.startsWith("unsubscribe ")) {
        bus.unsubscribe(trimmed.substring("unsubscribe ".length()).strip(), session);
      }
    }
  }

  @OnClose
  public void onClose(WebSocketSession session) {
    bus.gone(session);
  }
}
