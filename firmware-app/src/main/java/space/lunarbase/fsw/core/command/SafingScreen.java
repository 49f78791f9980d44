package space.lunarbase.fsw.core.command;

import java.nio.charset.StandardCharsets;
import space.lunarbase.fsw.config.ControllerSettings;

/**
 * Picks out, on arrival, the safing commands that may go ahead of the command queue: a message
 * that names a known key, is a safing command by its declaration ({@link SafingRules}), is for this
 * controller, carries a counter above both the highest accepted and the highest already let ahead
 * for its key (so copies and replays are not), and whose MAC verifies. Everything else, forged
 * claims included, takes the ordinary way. Cheap checks first: the MAC is computed only for a
 * message that claims to be a safing command. Allocates nothing.
 *
 * <p>It decides only the order: the dispatcher verifies the command again in full.
 */
final class SafingScreen {

  private final KeyRing keys;
  private final ReplayGuard replay;
  private final SafingRules rules;
  private final byte[] site;
  private final byte[] controller;
  private final Hmac[] macs;
  private final long[] highestAhead;
  private final EnvelopeScan envelope = new EnvelopeScan();
  private final BodyScan body = new BodyScan();

  SafingScreen(KeyRing keys, ReplayGuard replay, CommandRegistry registry, ControllerSettings settings) {
    this.keys = keys;
    this.replay = replay;
    this.rules = new SafingRules(registry);
    this.site = settings.site().getBytes(StandardCharsets.UTF_8);
    this.controller = settings.controller().getBytes(StandardCharsets.UTF_8);
    this.macs = new Hmac[keys.size()];
    for (int i = 0; i < macs.length; i++) {
      macs[i] = new Hmac(keys.key(i).secret());
    }
    this.highestAhead = new long[keys.size()];
  }

  /** Whether {@code payload} is a verified, fresh safing command for this controller; if so it is noted. */
  synchronized boolean passes(byte[] payload) {
    if (!rules.any() || payload == null || payload.length > CommandIntake.MAX_PAYLOAD || !envelope.scan(payload)) {
      return false;
    }
    int index = keys.indexOf(payload, envelope.keyOffset(), envelope.keyLength());
    if (index < 0 || !body.scan(payload, envelope.bodyOffset(), envelope.bodyLength()) || !rules.claims(body)
        || !body.siteIs(site) || !body.controllerIs(controller)) {
      return false;
    }
    long counter = body.counter();
    if (!replay.fresh(keys.key(index).id(), counter) || Long.compareUnsigned(counter, highestAhead[index]) <= 0) {
      return false;
    }
    if (!macs[index].verifies(payload, envelope.bodyOffset(), envelope.bodyLength(), payload, envelope.macOffset(),
        envelope.macLength())) {
      return false;
    }
    highestAhead[index] = counter;
    return true;
  }
}
