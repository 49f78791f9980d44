package space.lunarbase.fsw.core.command;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import jakarta.inject.Singleton;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.InstantSource;
import java.util.Optional;
import space.lunarbase.fsw.config.CommandSettings;
import space.lunarbase.fsw.config.ControllerSettings;
import space.lunarbase.fsw.core.mode.Modes;
import space.lunarbase.fsw.core.telemetry.HeaderStamper;
import space.lunarbase.fsw.core.time.ClockSyncMonitor;
import space.lunarbase.proto.v1.CommandAck.Reason;
import space.lunarbase.proto.v1.CommandBody;
import space.lunarbase.proto.v1.SignedCommand;

/**
 * Judges one received message, in this order (the first failing check is the verdict):
 * MALFORMED envelope, UNKNOWN_KEY, RATE_LIMITED (the key's token bucket: every message naming the
 * key costs a token, before any costly check), BUSY (a message let in while the queue was full is
 * answered BUSY here), BAD_MAC (constant time), MALFORMED body (the body is parsed only once
 * authenticated), WRONG_TARGET, EXPIRED, EXPIRY_TOO_FAR ({@link ExpiryBound}), REPLAYED (the new
 * high-water mark is persisted here), then the {@link CommandChecks}: UNKNOWN_COMMAND, WRONG_ROLE,
 * BAD_ARGUMENT / OUT_OF_RANGE, the command's own {@link ContentCheck} (seq.LOAD: every entry of the
 * sequence), ILLEGAL_IN_MODE, its {@link Precondition} (HELD, ...), CLOCK_NOT_SYNCHRONISED. Messages no key
 * can be charged for (oversized, malformed envelope, unknown key) share one bucket that only decides
 * whether they are acknowledged.
 *
 * <p>A flood costs little: the checks up to RATE_LIMITED read the raw bytes ({@link EnvelopeScan},
 * {@link KeyRing#indexOf}) and a refusal that will not be answered is a shared constant, so judging
 * garbage allocates nothing and builds no text; the envelope is parsed only once a token was granted.
 *
 * <p>Never throws for any input. Not thread-safe: the dispatcher calls it from one thread at a time.
 */
@Singleton
public final class CommandVerifier {

  private static final int MAX_ECHO = 64;
  private static final String BUSY_TEXT = "command queue full; resend with a new counter";

  private final KeyRing keys;
  private final ReplayGuard replay;
  private final CommandChecks checks;
  private final String site;
  private final String controller;
  private final InstantSource clock;
  private final ExpiryBound expiry;
  private final int burst;
  private final double perSecond;
  private final TokenBucket[] buckets;
  private final Verdict.Rejected[] rateLimitedQuietly;
  private final TokenBucket anonymous;
  private final EnvelopeScan scan = new EnvelopeScan();

  public CommandVerifier(KeyRing keys, ReplayGuard replay, CommandRegistry registry, Modes modes,
                         ControllerSettings controller, InstantSource clock, CommandSettings settings,
                         ClockSyncMonitor clockSync, ExpiryBound expiry) {
    this.keys = keys;
    this.replay = replay;
    this.checks = new CommandChecks(registry, modes, clockSync);
    this.expiry = expiry;
    this.site = controller.site();
    this.controller = controller.controller();
    this.clock = clock;
    this.burst = settings.rateBurst();
    this.perSecond = settings.ratePerSecond();
    this.anonymous = new TokenBucket(burst, perSecond, clock);
    this.buckets = new TokenBucket[keys.size()];
    this.rateLimitedQuietly = new Verdict.Rejected[keys.size()];
    for (int i = 0; i < buckets.length; i++) {
      buckets[i] = new TokenBucket(burst, perSecond, clock);
      rateLimitedQuietly[i] = Verdict.Rejected.quiet(Reason.REASON_RATE_LIMITED, keys.key(i).id());
    }
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
    if (!scan.scan(payload)) {
      return malformed(null);
    }
    int index = keys.indexOf(payload, scan.keyOffset(), scan.keyLength());
    if (index < 0) {
      return unknownKey(payload);
    }
    CommandKey key = keys.key(index);
    String keyId = key.id();
    TokenBucket.Take take = buckets[index].take();
    if (take == TokenBucket.Take.DENIED) {
      return rateLimitedQuietly[index];
    }
    if (take == TokenBucket.Take.DENIED_FIRST) {
      return new Verdict.Rejected(new Rejection(Reason.REASON_RATE_LIMITED, "more than " + burst
          + " commands at once or " + perSecond + "/s under key " + keyId), keyId, CommandBody.getDefaultInstance(),
          true);
    }
    if (inbound.admission() == CommandIntake.Admission.BUSY) {
      return rejected(keyId, CommandBody.getDefaultInstance(), Reason.REASON_BUSY, BUSY_TEXT);
    }
    SignedCommand signed;
    try {
      signed = SignedCommand.parseFrom(payload);
    } catch (InvalidProtocolBufferException e) {
      // the scan let it through, so this should not happen; judged as it would have been
      return rejected(keyId, CommandBody.getDefaultInstance(), Reason.REASON_MALFORMED,
          "not a SignedCommand: " + e.getMessage());
    }
    byte[] bodyBytes = signed.getBody().toByteArray();
    if (!MessageDigest.isEqual(key.mac(bodyBytes), signed.getMac().toByteArray())) {
      return rejected(keyId, CommandBody.getDefaultInstance(), Reason.REASON_BAD_MAC,
          "MAC does not match the body under key " + keyId);
    }
    CommandBody body;
    try {
      body = CommandBody.parseFrom(bodyBytes);
    } catch (InvalidProtocolBufferException e) {
      return rejected(keyId, CommandBody.getDefaultInstance(), Reason.REASON_MALFORMED,
          "body is not a CommandBody: " + e.getMessage());
    }
    if (hasUnknownFields(body) || body.getArgsMap().values().stream().anyMatch(CommandVerifier::hasUnknownFields)) {
      return rejected(keyId, body, Reason.REASON_MALFORMED, "CommandBody has unknown fields");
    }
    return checkBody(key, signed, body);
  }

  private Verdict checkBody(CommandKey key, SignedCommand signed, CommandBody body) {
    String keyId = key.id();
    if (!site.equals(body.getSiteId()) || !controller.equals(body.getControllerId())) {
      return rejected(keyId, body, Reason.REASON_WRONG_TARGET, "for " + echo(body.getSiteId()) + "/"
          + echo(body.getControllerId()) + ", this is " + site + "/" + controller);
    }
    long now = HeaderStamper.nanos(clock.instant());
    if (Long.compareUnsigned(now, body.getExpiresNs()) > 0) {
      return rejected(keyId, body, Reason.REASON_EXPIRED, "expired " + Long.toUnsignedString(body.getExpiresNs())
          + " ns, now " + now + " ns");
    }
    long max = expiry.max(body.getCommand()).toNanos();
    if (Long.compareUnsigned(body.getExpiresNs() - now, max) > 0) {
      return rejected(keyId, body, Reason.REASON_EXPIRY_TOO_FAR, "expires " + ahead(body.getExpiresNs() - now)
          + " ahead of the controller's clock; at most " + ahead(max) + " (" + expiry.setting(body.getCommand()) + ")");
    }
    try {
      if (!replay.advance(keyId, body.getCounter())) {
        return rejected(keyId, body, Reason.REASON_REPLAYED, "counter " + Long.toUnsignedString(body.getCounter())
            + " is not above " + Long.toUnsignedString(replay.highest(keyId)) + ", the highest accepted for " + keyId);
      }
    } catch (UncheckedIOException e) {
      return rejected(keyId, body, Reason.REASON_EXECUTION_FAILED, "cannot record the counter: " + e.getMessage());
    }
    ContentCheck.Sender sender = new ContentCheck.Sender(keyId, key.role());
    return switch (checks.content(body.getCommand(), body.getArgsMap(), sender)) {
      case CommandChecks.Result.Refused refused -> new Verdict.Rejected(refused.rejection(), keyId, body, true);
      case CommandChecks.Result.Passed passed -> checks.conditions(passed.spec(), passed.args(), sender)
          .<Verdict>map(r -> new Verdict.Rejected(r, keyId, body, true))
          .orElseGet(() -> new Verdict.Accepted(key, signed, body, passed.spec(), passed.args()));
    };
  }

  /** {@code nanos} (unsigned) as seconds with three decimals, e.g. {@code 600.000 s}. */
  private static String ahead(long nanos) {
    return new java.math.BigDecimal(Long.toUnsignedString(nanos)).movePointLeft(9)
        .setScale(3, java.math.RoundingMode.DOWN).toPlainString() + " s";
  }

  /** The checks by name, role, arguments and mode this verifier applies after the signature and counter. */
  public CommandChecks checks() {
    return checks;
  }

  /** MALFORMED, charged to the shared bucket; {@code detail} null: what the scan found. */
  private Verdict malformed(String detail) {
    if (anonymous.take() != TokenBucket.Take.GRANTED) {
      return Verdict.Rejected.quiet(Reason.REASON_MALFORMED);
    }
    String text = detail != null ? detail : "not a SignedCommand: " + scan.describe();
    return new Verdict.Rejected(new Rejection(Reason.REASON_MALFORMED, text), "", CommandBody.getDefaultInstance(),
        true);
  }

  /** UNKNOWN_KEY for the key id the scan found in {@code payload}, charged to the shared bucket. */
  private Verdict unknownKey(byte[] payload) {
    if (anonymous.take() != TokenBucket.Take.GRANTED) {
      return Verdict.Rejected.quiet(Reason.REASON_UNKNOWN_KEY);
    }
    String keyId = echo(new String(payload, scan.keyOffset(), scan.keyLength(), StandardCharsets.UTF_8));
    return new Verdict.Rejected(new Rejection(Reason.REASON_UNKNOWN_KEY, "no key '" + keyId + "' in the key ring"),
        keyId, CommandBody.getDefaultInstance(), true);
  }

  private static Verdict rejected(String keyId, CommandBody body, Reason reason, String text) {
    return new Verdict.Rejected(new Rejection(reason, text), keyId, body, true);
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
