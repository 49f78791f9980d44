/**
 * Commands: each subsystem declares its commands in one {@link CommandSet} bean
 * ({@link CommandSpec}, {@link ArgSpec}); {@link CommandIntake} only queues what arrives on
 * {@code cmd}; the {@link CommandDispatcher}, on its own thread, has each message judged by the
 * {@link CommandVerifier} (envelope, key, rate limit, HMAC, target, expiry, replay counter, name,
 * role, arguments, mode) and acknowledges it on {@code ack}: ACCEPTED then COMPLETED or FAILED, or
 * REJECTED with a reason. Keys and roles come from the key ring ({@link KeyRing}); replay counters
 * persist ({@link ReplayGuard}).
 */
package space.lunarbase.fsw.core.command;
