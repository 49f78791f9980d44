/**
 * The start-time bench's floor: {@link PlainPublisher} connects with Paho, publishes one real bank
 * frame and exits; {@code bench/start-time} times it against the installed firmware.
 */
package space.lunarbase.bench.start;
