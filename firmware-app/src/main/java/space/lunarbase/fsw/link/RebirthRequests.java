package space.lunarbase.fsw.link;

import com.google.protobuf.InvalidProtocolBufferException;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import space.lunarbase.fsw.core.inbound.InboundHandler;
import space.lunarbase.proto.v1.RebirthRequest;

/**
 * Rebirth requests arriving on {@code .../rebirth}: decoded on Paho's thread (cheap), honoured by
 * the link thread at most once a second. A payload that is not a {@link RebirthRequest} (wrong type,
 * truncated bytes, unknown fields) is counted as garbage and ignored.
 */
@Singleton
public final class RebirthRequests implements InboundHandler {

  static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
  /** A rebirth request is a reason text: a larger payload is dropped by the link. */
  static final int MAX_PAYLOAD = 4096;

  private final AtomicBoolean pending = new AtomicBoolean();
  private final AtomicLong garbage = new AtomicLong();
  private final AtomicLong accepted = new AtomicLong();
  private volatile long lastHonouredNanos = System.nanoTime() - MIN_INTERVAL.toNanos();

  @Override
  public String stream() {
    return MqttLink.REBIRTH;
  }

  @Override
  public int maxPayload() {
    return MAX_PAYLOAD;
  }

  /** A message arrived on the rebirth topic. */
  @Override
  public void accept(byte[] payload) {
    try {
      RebirthRequest request = RebirthRequest.parseFrom(payload);
      if (!request.getUnknownFields().asMap().isEmpty()) {
        garbage.incrementAndGet();
        return;
      }
      accepted.incrementAndGet();
      pending.set(true);
    } catch (InvalidProtocolBufferException e) {
      garbage.incrementAndGet();
    }
  }

  /** Asks for a rebirth from inside the firmware (the link.REBIRTH command); honoured like a received one. */
  public void request() {
    accepted.incrementAndGet();
    pending.set(true);
  }

  /** True once for a pending request, if the last one honoured is at least a second ago. */
  boolean take() {
    long now = System.nanoTime();
    if (pending.get() && now - lastHonouredNanos >= MIN_INTERVAL.toNanos()) {
      pending.set(false);
      lastHonouredNanos = now;
      return true;
    }
    return false;
  }

  /** Undecodable messages received on the rebirth topic. */
  @Override
  public long garbage() {
    return garbage.get();
  }

  /** Well-formed requests received (honoured or merged into one). */
  public long accepted() {
    return accepted.get();
  }
}
