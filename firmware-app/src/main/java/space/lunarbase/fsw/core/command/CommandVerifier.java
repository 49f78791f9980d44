package space.lunarbase.fsw.core.command;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import jakarta.inject.Singleton;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.Optional;
import space.lunarbase.fsw.config.CommandSettings;
import space.lunarbase.fsw.config.ControllerSettings;
import space.lunarbase.fsw.core.mode.Modes;
import space.lunarbase.fsw.core.telemetry.HeaderStamper;
import space.lunarbase.fsw.core.time.ClockSyncMonitor;
import space.lunarbase.proto.v1.CommandAck.Reason;
import space.lunarbase.proto.v1.CommandBody;
import space.lunarbase.wire.CommandMac;

/**
 * Judges one received message, in this order (the first failing check is the verdict):
 *
 * <ol>
 *   <li>unauthenticated: MALFORMED envelope, UNKNOWN_KEY, KEY_REVOKED, BAD_MAC (constant time);
 *   <li>authentic, under a key outside its validity: KEY_NOT_YET_VALID, KEY_EXPIRED;
 *   <li>authentic but not shown to be fresh (anybody who saw the command can send it again):
 *       MALFORMED body, WRONG_TARGET, EXPIRED, EXPIRY_TOO_FAR ({@link ExpiryBound}), REPLAYED;
 *   <li>RATE_LIMITED: the key's token bucket, charged only here, by a command shown to be the key
 *       holder's; a safing command ({@link Safing}) finding it empty spends the key's safing reserve;
 *   <li>MALFORMED (the body parsed), BUSY (a message let in while the queue was full; never a
 *       safing command), then the counter is persisted (a safing command whose counter cannot be
 *       written is held in memory and runs; any other is REJECTED EXECUTION_FAILED);
 *   <li>the {@link CommandChecks}: UNKNOWN_COMMAND, WRONG_ROLE, BAD_ARGUMENT / OUT_OF_RANGE, the
 *       command's own {@link ContentCheck} (seq.LOAD: every entry of the sequence), ILLEGAL_IN_MODE,
 *       the command's {@link Precondition} (HELD, ...), CLOCK_NOT_SYNCHRONISED (a time-critical
 *       command while the clock is not synchronised).
 * </ol>
 *
 * <p>Every refusal of the first two groups is charged to one shared anonymous bucket, which decides
 * only whether it is answered: so no flood, forged or replayed, can spend a key's budget. Refusals
 * from the second group on name the key whose MAC verified ({@link Verdict.Rejected#signer}), which
 * signs their acks.
 *
 * <p>A flood costs little: everything up to RATE_LIMITED reads the raw bytes ({@link EnvelopeScan},
 * {@link KeyRing#indexOf}, {@link CommandMac} over the body where it lies, {@link BodyScan}) and a refusal
 * that will not be answered is a shared constant, so judging a flood allocates nothing and builds
 * no text; the body is parsed only once the key's bucket granted a token.
 *
 * <p>The ring is the one in force when a message is judged ({@link Keys#current}): after a reload
 * the next message is judged by the new ring, a key that stays keeping its budgets.
 *
 * <p>Never throws for any input. Not thread-safe: the dispatcher calls it from one thread at a time.
 */
@Singleton
// Reason ordinals index the table of prepared refusals (no allocation per refusal); they never go
// on the wire, where the enum's number does
@SuppressWarnings("ProtocolBufferOrdinal")
public final class CommandVerifier {

  private static final int MAX_ECHO = 64;
  private static final String BUSY_TEXT = "command queue full; resend";

  private final Keys keys;
  private final ReplayGuard replay;
  private final CommandChecks checks;
  private final SafingRules safing;
  private final String site;
  private final String controller;
  private final byte[] siteBytes;
  private final byte[] controllerBytes;
  private final InstantSource clock;
  private final ExpiryBound expiry;
  private final int burst;
  private final double perSecond;
  private final CommandSettings settings;
  /** The ring judged by, and each of its keys' budgets, MAC and quiet refusals (rebuilt on a reload). */
  private KeyRing ring;
  private TokenBucket[] buckets;
  private TokenBucket[] reserves;
  private CommandMac[] macs;
  /** Per key, per reason ordinal: the unanswered refusal naming the key. */
  private Verdict.Rejected[][] quiet;
  private final TokenBucket anonymous;
  private final EnvelopeScan scan = new EnvelopeScan();
  private final BodyScan body = new BodyScan();

  public CommandVerifier(Keys keys, ReplayGuard replay, CommandRegistry registry, Modes modes,
                         ControllerSettings controller, InstantSource clock, CommandSettings settings,
                         ClockSyncMonitor clockSync, ExpiryBound expiry) {
    this.keys = keys;
    this.replay = replay;
    this.checks = new CommandChecks(registry, modes, clockSync);
    this.expiry = expiry;
    this.safing = new SafingRules(registry);
    this.site = controller.site();
    this.controller = controller.controller();
    this.siteBytes = site.getBytes(StandardCharsets.UTF_8);
    this.controllerBytes = this.controller.getBytes(StandardCharsets.UTF_8);
    this.clock = clock;
    this.burst = settings.rateBurst();
    this.perSecond = settings.ratePerSecond();
    this.settings = settings;
    this.anonymous = new TokenBucket(settings.anonymousRateBurst(), settings.anonymousRatePerSecond(), clock);
    adopt(keys.current());
  }

  /**
   * Judges by {@code next} from now on: a key that stays (same id) keeps its budgets; a new one
   * starts with full ones; the replay counters are the {@link ReplayGuard}'s, by id, and stay.
   */
  private void adopt(KeyRing next) {
    int size = next.size();
    TokenBucket[] nextBuckets = new TokenBucket[size];
    TokenBucket[] nextReserves = new TokenBucket[size];
    CommandMac[] nextMacs = new CommandMac[size];
    Verdict.Rejected[][] nextQuiet = new Verdict.Rejected[size][Reason.values().length];
    for (int i = 0; i < size; i++) {
      CommandKey key = next.key(i);
      int before = ring == null ? -1 : indexOf(ring, key.id());
      nextBuckets[i] = before >= 0 ? buckets[before] : new TokenBucket(burst, perSecond, clock);
      nextReserves[i] = before >= 0 ? reserves[before]
          : new TokenBucket(settings.safingReserveBurst(), settings.safingReservePerSecond(), clock);
      nextMacs[i] = new CommandMac(key.secret());
      for (Reason reason : Reason.values()) {
        if (reason != Reason.UNRECOGNIZED) {
          nextQuiet[i][reason.ordinal()] = Verdict.Rejected.quiet(reason, key.id(),
              reason != Reason.REASON_RATE_LIMITED);
        }
      }
    }
    buckets = nextBuckets;
    reserves = nextReserves;
    macs = nextMacs;
    quiet = nextQuiet;
    ring = next;
  }

  private static int indexOf(KeyRing ring, String id) {
    for (int i = 0; i < ring.size(); i++) {
      if (ring.key(i).id().equals(id)) {
        return i;
      }
    }
    return -1;
  }

  /** The verdict on {@code payload}, a message received on {@code cmd} while the queue had room. */
  public Verdict verify(byte[] payload) {
    return verify(new CommandIntake.Inbound(payload, CommandIntake.Admission.NORMAL));
  }

  /** The verdict on {@code inbound}, a message received on {@code cmd}. */
  public Verdict verify(CommandIntake.Inbound inbound) {
    byte[] payload = inbound.payload();
    if (inbound.admission() == CommandIntake.Admission.OVERSIZED) {
      return malformed("larger than " + CommandIntake.MAX_PAYLOAD + " bytes");
    }
    KeyRing current = keys.current();
    if (current != ring) {
      adopt(current);
    }
    if (!scan.scan(payload)) {
      return malformed(null);
    }
    int index = ring.indexOf(payload, scan.keyOffset(), scan.keyLength());
    if (index < 0) {
      return ring.revoked(payload, scan.keyOffset(), scan.keyLength()) ? revokedKey(payload) : unknownKey(payload);
    }
    CommandKey key = ring.key(index);
    if (!macs[index].verifies(payload, scan.bodyOffset(), scan.bodyLength(), payload, scan.macOffset(),
        scan.macLength())) {
      return anonymous(index, null, Reason.REASON_BAD_MAC);
    }
    // authentic: the key's holder signed it; but is the key valid now?
    java.time.Instant now = clock.instant();
    if (key.notYetValid(now)) {
      return anonymous(index, key, Reason.REASON_KEY_NOT_YET_VALID);
    }
    if (key.expired(now)) {
      return anonymous(index, key, Reason.REASON_KEY_EXPIRED);
    }
    // authentic from here on: the key's holder signed these bytes, once
    if (!body.scan(payload, scan.bodyOffset(), scan.bodyLength())) {
      return anonymous(index, key, Reason.REASON_MALFORMED);
    }
    Verdict stale = stale(index, key);
    if (stale != null) {
      return stale;
    }
    // fresh: the key's holder sent it, so its budget pays
    boolean claimsSafing = safing.claims(body);
    boolean onReserve = false;
    if (!buckets[index].tryTake()) {
      if (claimsSafing && reserves[index].tryTake()) {
        onReserve = true;
        buckets[index].endRun(); // the key was answered: its next refusal is news again
      } else {
        TokenBucket.Take take = buckets[index].take();
        if (take == TokenBucket.Take.DENIED) {
          return quiet[index][Reason.REASON_RATE_LIMITED.ordinal()];
        }
        if (take == TokenBucket.Take.DENIED_FIRST) {
          return Verdict.Rejected.signed(key, body.echo(), new Rejection(Reason.REASON_RATE_LIMITED, "more than "
              + burst + " commands at once or " + perSecond + "/s under key " + key.id()
              + (claimsSafing ? ", and its safing reserve is spent too" : "")));
        }
      }
    }
    CommandBody parsed;
    try {
      parsed = CommandBody.parser().parseFrom(payload, scan.bodyOffset(), scan.bodyLength());
    } catch (InvalidProtocolBufferException e) {
      return Verdict.Rejected.signed(key, body.echo(), new Rejection(Reason.REASON_MALFORMED,
          "body is not a CommandBody: " + e.getMessage()));
    }
    if (hasUnknownFields(parsed) || parsed.getArgsMap().values().stream().anyMatch(CommandVerifier::hasUnknownFields)) {
      return Verdict.Rejected.signed(key, parsed, new Rejection(Reason.REASON_MALFORMED,
          "CommandBody has unknown fields"));
    }
    return checkBody(key, parsed, inbound.admission(), onReserve, payload);
  }

  /**
   * WRONG_TARGET, EXPIRED, EXPIRY_TOO_FAR or REPLAYED from the scanned body (anonymous), or null if
   * it is fresh.
   */
  private Verdict stale(int index, CommandKey key) {
    if (!body.siteIs(siteBytes) || !body.controllerIs(controllerBytes)) {
      return anonymous(index, key, Reason.REASON_WRONG_TARGET);
    }
    long now = HeaderStamper.nanos(clock.instant());
    if (Long.compareUnsigned(now, body.expiresNs()) > 0) {
      return anonymous(index, key, Reason.REASON_EXPIRED);
    }
    if (Long.compareUnsigned(body.expiresNs() - now, expiry.max(body)) > 0) {
      return anonymous(index, key, Reason.REASON_EXPIRY_TOO_FAR);
    }
    if (!replay.fresh(key.id(), body.counter())) {
      return anonymous(index, key, Reason.REASON_REPLAYED);
    }
    return null;
  }

  private Verdict checkBody(CommandKey key, CommandBody body, CommandIntake.Admission admission, boolean onReserve,
                            byte[] payload) {
    String keyId = key.id();
    boolean safe = checks.safing(body.getCommand(), body.getArgsMap());
    if (admission == CommandIntake.Admission.BUSY && !safe) {
      return Verdict.Rejected.signed(key, body, new Rejection(Reason.REASON_BUSY, BUSY_TEXT));
    }
    boolean persisted = true;
    try {
      if (!replay.advance(keyId, body.getCounter())) {
        return Verdict.Rejected.signed(key, body, replayed(keyId, body.getCounter()));
      }
    } catch (UncheckedIOException e) {
      if (!safe || !replay.hold(keyId, body.getCounter())) {
        return Verdict.Rejected.signed(key, body, new Rejection(Reason.REASON_EXECUTION_FAILED,
            "cannot record the counter: " + e.getMessage()
                + (e.getCause() == null ? "" : " (" + e.getCause().getMessage() + ")")));
      }
      persisted = false;
    }
    ContentCheck.Sender sender = new ContentCheck.Sender(keyId, key.role());
    return switch (checks.content(body.getCommand(), body.getArgsMap(), sender)) {
      case CommandChecks.Result.Refused refused -> Verdict.Rejected.signed(key, body, refused.rejection());
      case CommandChecks.Result.Passed passed -> {
        Optional<Rejection> illegal = checks.conditions(passed.spec(), passed.args(), sender);
        yield illegal.isPresent() ? Verdict.Rejected.signed(key, body, illegal.get())
            : new Verdict.Accepted(key, body, passed.spec(), passed.args(), onReserve, persisted,
                ByteString.copyFrom(payload));
      }
    };
  }

  /** The checks by name, role, arguments and mode this verifier applies after the signature and counter. */
  public CommandChecks checks() {
    return checks;
  }

  /**
   * A refusal under the known key {@code index}, charged to the shared bucket: answered (its ack
   * signed with {@code signer} when the MAC verified) while the bucket has tokens, else the key's
   * quiet constant (no text is built for it).
   */
  private Verdict anonymous(int index, CommandKey signer, Reason reason) {
    if (anonymous.take() != TokenBucket.Take.GRANTED) {
      return quiet[index][reason.ordinal()];
    }
    CommandKey key = ring.key(index);
    boolean scanned = signer != null && reason != Reason.REASON_MALFORMED && reason != Reason.REASON_KEY_NOT_YET_VALID
        && reason != Reason.REASON_KEY_EXPIRED;
    CommandBody echo = scanned ? body.echo() : CommandBody.getDefaultInstance();
    String why = switch (reason) {
      case REASON_BAD_MAC -> "MAC does not match the body under key " + key.id();
      case REASON_KEY_NOT_YET_VALID -> "key " + key.id() + " is not valid before " + key.notBefore() + "; now "
          + clock.instant();
      case REASON_KEY_EXPIRED -> "key " + key.id() + " expired " + key.notAfter() + "; now " + clock.instant();
      case REASON_MALFORMED -> "body is not a CommandBody";
      case REASON_WRONG_TARGET -> "for " + echo(body.siteText()) + "/" + echo(body.controllerText())
          + ", this is " + site + "/" + controller;
      case REASON_EXPIRED -> "expired " + Long.toUnsignedString(body.expiresNs()) + " ns, now "
          + HeaderStamper.nanos(clock.instant()) + " ns";
      case REASON_EXPIRY_TOO_FAR -> "expires " + seconds(body.expiresNs() - HeaderStamper.nanos(clock.instant()))
          + " ahead of the controller's clock; at most " + seconds(expiry.max(body)) + " (" + expiry.setting(body)
          + ")";
      default -> replayed(key.id(), body.counter()).text();
    };
    return new Verdict.Rejected(new Rejection(reason, why), key.id(), echo, true, Optional.ofNullable(signer), true);
  }

  /** {@code nanos} (unsigned) as seconds with three decimals, e.g. {@code 600.000 s}. */
  private static String seconds(long nanos) {
    return new java.math.BigDecimal(Long.toUnsignedString(nanos)).movePointLeft(9)
        .setScale(3, java.math.RoundingMode.DOWN).toPlainString() + " s";
  }

  private Rejection replayed(String keyId, long counter) {
    long highest = replay.highest(keyId);
    String what = highest == replay.floor() && highest != 0
        ? ", the floor set when this controller's counters were lost (µs since the epoch: lunarctl counts from its"
            + " clock; check that clock)"
        : ", the highest accepted for " + keyId;
    return new Rejection(Reason.REASON_REPLAYED, "counter " + Long.toUnsignedString(counter) + " is not above "
        + Long.toUnsignedString(highest) + what);
  }

  /** MALFORMED, charged to the shared bucket; {@code detail} null: what the scan found. */
  private Verdict malformed(String detail) {
    if (anonymous.take() != TokenBucket.Take.GRANTED) {
      return Verdict.Rejected.quiet(Reason.REASON_MALFORMED);
    }
    String text = detail != null ? detail : "not a SignedCommand: " + scan.describe();
    return new Verdict.Rejected(new Rejection(Reason.REASON_MALFORMED, text), "", CommandBody.getDefaultInstance(),
        true, Optional.empty(), true);
  }

  /** KEY_REVOKED for the key id the scan found in {@code payload}, charged to the shared bucket. */
  private Verdict revokedKey(byte[] payload) {
    if (anonymous.take() != TokenBucket.Take.GRANTED) {
      return Verdict.Rejected.quiet(Reason.REASON_KEY_REVOKED);
    }
    String keyId = echo(new String(payload, scan.keyOffset(), scan.keyLength(), StandardCharsets.UTF_8));
    return new Verdict.Rejected(new Rejection(Reason.REASON_KEY_REVOKED, "key '" + keyId
        + "' is revoked (the key ring lists it under revoked)"), keyId, CommandBody.getDefaultInstance(), true,
        Optional.empty(), true);
  }

  /** UNKNOWN_KEY for the key id the scan found in {@code payload}, charged to the shared bucket. */
  private Verdict unknownKey(byte[] payload) {
    if (anonymous.take() != TokenBucket.Take.GRANTED) {
      return Verdict.Rejected.quiet(Reason.REASON_UNKNOWN_KEY);
    }
    String keyId = echo(new String(payload, scan.keyOffset(), scan.keyLength(), StandardCharsets.UTF_8));
    return new Verdict.Rejected(new Rejection(Reason.REASON_UNKNOWN_KEY, "no key '" + keyId + "' in the key ring"),
        keyId, CommandBody.getDefaultInstance(), true, Optional.empty(), true);
  }

  private static boolean hasUnknownFields(Message message) {
    return !message.getUnknownFields().asMap().isEmpty();
  }

  /** Untrusted text made safe to echo: printable, at most 64 characters (the text itself when it is). */
  static String echo(String text) {
    int length = Math.min(text.length(), MAX_ECHO);
    boolean clean = length == text.length();
    for (int i = 0; i < length && clean; i++) {
      clean = !Character.isISOControl(text.charAt(i));
    }
    if (clean) {
      return text;
    }
    StringBuilder safe = new StringBuilder(length);
    text.substring(0, length).codePoints().forEach(c -> safe.appendCodePoint(Character.isISOControl(c) ? '?' : c));
    return safe.toString();
  }
}
