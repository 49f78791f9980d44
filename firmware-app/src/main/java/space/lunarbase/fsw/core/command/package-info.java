/**
 * Commands: each subsystem declares its commands in one {@link CommandSet} bean
 * ({@link CommandSpec}, {@link ArgSpec}); {@link CommandInlet} takes what arrives on {@code cmd}
 * and {@link CommandIntake} only queues it (a verified safing command goes ahead, see
 * {@link SafingScreen}); the {@link CommandDispatcher}, on its own thread, has each message judged
 * by the {@link CommandVerifier} (envelope, key, HMAC, target, expiry, replay counter, rate limit,
 * name, role, arguments, mode) and acknowledges it on {@code ack}, signed under the command's key:
 * ACCEPTED then COMPLETED or FAILED, or REJECTED with a reason. Keys and roles come from the key
 * ring ({@link KeyRing}); replay counters persist ({@link ReplayGuard}).
 */
package space.lunarbase.fsw.core.command;
