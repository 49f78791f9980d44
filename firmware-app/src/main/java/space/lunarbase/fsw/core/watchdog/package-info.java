/**
 * The software watchdog: a thread of its own on the monotonic clock ({@link Watchdog}) that checks
 * every rate group's progress, feeds systemd's watchdog while all progress
 * ({@link ServiceManager}, through {@code systemd-notify}), and when one is stuck raises FATAL
 * {@code RATE_GROUP_STUCK}, makes the hardware safe once and stops feeding, so that systemd
 * restarts the process. {@link RateGroupHealthIndicator} shows the groups in {@code /health}.
 */
package space.lunarbase.fsw.core.watchdog;
