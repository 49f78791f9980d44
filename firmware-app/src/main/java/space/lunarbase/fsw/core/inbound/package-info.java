/**
 * What the core takes from the link: an {@link InboundHandler} names one of this controller's
 * topics (e.g. {@code cmd}); the link subscribes to it and hands each message over on the MQTT
 * client's thread, where the handler only copies and queues. The one seam by which messages come
 * in without the core knowing MQTT.
 */
package space.lunarbase.fsw.core.inbound;
