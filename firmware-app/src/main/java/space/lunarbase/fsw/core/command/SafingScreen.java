package space.lunarbase.fsw.core.command;

import java.nio.charset.StandardCharsets;
import space.lunarbase.fsw.config.ControllerSettings;
import space.lunarbase.wire.CommandMac;

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

  private final Keys keys;
  private final ReplayGuard replay;
  private final SafingRules rules;
  private final byte[] site;
  private final byte[] controller;
  private KeyRing ring;
  private CommandMac[] macs;
  private long[] highestAhead;
  private final EnvelopeScan envelope = new EnvelopeScan();
  private final BodyScan body = new BodyScan();

  SafingScreen(Keys keys, ReplayGuard replay, CommandRegistry registry, ControllerSettings settings) {
    this.keys = keys;
    this.replay = replay;
    this.rules = new SafingRules(registry);
    this.site = settings.site().getBytes(StandardCharsets.UTF_8);
    this.controller = settings.controller().getBytes(StandardCharsets.UTF_8);
    adopt(keys.current());
  }

  /** Screens with {@code next} from now on (after a reload): nothing let ahead is remembered of a new key. */
  private void adopt(KeyRing next) {
    CommandMac[] nextMacs = new CommandMac[next.size()];
    long[] nextAhead = new long[next.size()];
    for (int i = 0; i < nextMacs.length; i++) {
      nextMacs[i] = new CommandMac(next.key(i).secret());
      String id = next.key(i).id();
      for (int j = 0; ring != null && j < ring.size(); j++) {
        if (ring.key(j).id().equals(id)) {
          nextAhead[i] = highestAhead[j];
        }
      }
    }
    macs = nextMacs;
    highestAhead = nextAhead;
    ring = next;
  }

  /** Whether {@code payload} is a verified, fresh safing command for this controller; if so it is noted. */
  synchronized boolean passes(byte[] payload) {
    if (!rules.any() || payload == null || payload.length > CommandIntake.MAX_PAYLOAD || !envelope.scan(payload)) {
      return false;
    }
    KeyRing current = keys.current();
    if (current != ring) {
      adopt(current);
    }
    int index = ring.indexOf(payload, envelope.keyOffset(), envelope.keyLength());
    if (index < 0 || !body.scan(payload, envelope.bodyOffset(), envelope.bodyLength()) || !rules.claims(body)
        || !body.siteIs(site) || !body.controllerIs(controller)) {
      return false;
    }
    long counter = body.counter();
    CommandKey key = ring.key(index);
    if (!replay.fresh(key.id(), counter) || Long.compareUnsigned(counter, highestAhead[index]) <= 0) {
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
