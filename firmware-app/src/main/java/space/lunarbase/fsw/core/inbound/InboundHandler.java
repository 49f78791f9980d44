package space.lunarbase.fsw.core.inbound;

/**
 * Takes the messages that arrive on one of this controller's topics (e.g. {@code cmd}). The link
 * subscribes to {@link #stream()} for every handler bean and routes what arrives to it.
 *
 * <p>A message that carries the retain flag, or is larger than {@link #maxPayload()}, never reaches
 * the handler: the link drops and counts it.
 *
 * <p>{@link #accept} runs on the MQTT client's thread, and the broker's acknowledgement waits for
 * it: decode (or just copy) and queue, then return. Never block, publish or execute there.
 */
public interface InboundHandler {

  /** The topic below {@code lunarbase/v1/{site}/{controller}/}, without wildcards. */
  String stream();

  /**
   * One message's payload, handed over: the caller does not use the array again, so the handler
   * may keep it without copying. Must not throw for any content; count what cannot be used as garbage.
   */
  void accept(byte[] payload);

  /** How many messages could not be decoded so far. */
  long garbage();

  /**
   * The largest payload this handler takes, bytes: the link drops (and counts) a larger message
   * without handing it over.
   */
  default int maxPayload() {
    return Integer.MAX_VALUE;
  }
}
