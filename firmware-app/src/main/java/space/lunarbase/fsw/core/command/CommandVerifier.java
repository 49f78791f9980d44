package space.lunarbase.fsw.core.command;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import jakarta.inject.Singleton;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import space.lunarbase.fsw.config.CommandSettings;
import space.lunarbase.fsw.config.ControllerSettings;
import space.lunarbase.fsw.core.mode.Modes;
import space.lunarbase.fsw.core.telemetry.HeaderStamper;
import space.lunarbase.proto.v1.CommandAck.Reason;
import space.lunarbase.proto.v1.CommandBody;
import space.lunarbase.proto.v1.SignedCommand;

/**
 * Judges one received message, in this order (the first failing check is the verdict):
 * MALFORMED envelope, UNKNOWN_KEY, RATE_LIMITED (the key's token bucket: every message naming the
 * key costs a token, before any costly check), BAD_MAC (constant time), MALFORMED body (the body is
 * parsed only once authenticated), WRONG_TARGET, EXPIRED, REPLAYED (the new high-water mark is
 * persisted here), then the {@link CommandChecks}: UNKNOWN_COMMAND, WRONG_ROLE, BAD_ARGUMENT /
 * OUT_OF_RANGE, the command's own {@link ContentCheck} (seq.LOAD: every entry of the sequence),
 * ILLEGAL_IN_MODE.
 * Messages no key can be charged for (malformed envelope, unknown key) share one bucket that only
 * decides whether they are acknowledged.
 *
 * <p>Never throws for any input. Not thread-safe: the dispatcher calls it from one thread at a time.
 */
@Singleton
public final class CommandVerifier {

  private static final int MAX_ECHO = 64;

  private final KeyRing keys;
  private final ReplayGuard replay;
  private final CommandChecks checks;
  private final String site;
  private final String controller;
  private final InstantSource clock;
  private final int burst;
  private final double perSecond;
  private final Map<String, TokenBucket> buckets = new HashMap<>();
  private final TokenBucket anonymous;

  public CommandVerifier(KeyRing keys, ReplayGuard replay, CommandRegistry registry, Modes modes,
                         ControllerSettings controller, InstantSource clock, CommandSettings settings) {
    this.keys = keys;
    this.replay = replay;
    this.checks = new CommandChecks(registry, modes);
    this.site = controller.site();
    this.controller = controller.controller();
    this.clock = clock;
    this.burst = settings.rateBurst();
    this.perSecond = settings.ratePerSecond();
    this.anonymous = new TokenBucket(burst, perSecond, clock);
  }

  /** The verdict on {@code payload}, a message received on {@code cmd}. */
  public Verdict verify(byte[] payload) {
    SignedCommand signed;
    try {
      signed = SignedCommand.parseFrom(payload);
    } catch (InvalidProtocolBufferException e) {
      return anonymous("", Reason.REASON_MALFORMED, "not a SignedCommand: " + e.getMessage());
    }
    if (hasUnknownFields(signed)) {
      return anonymous("", Reason.REASON_MALFORMED, "SignedCommand has unknown fields");
    }
    String keyId = signed.getKeyId();
    Optional<CommandKey> found = keys.find(keyId);
    if (found.isEmpty()) {
      return anonymous(echo(keyId), Reason.REASON_UNKNOWN_KEY, "no key '" + echo(keyId) + "' in the key ring");
    }
    CommandKey key = found.get();
    TokenBucket.Take take = buckets.computeIfAbsent(keyId, k -> new TokenBucket(burst, perSecond, clock)).take();
    if (take != TokenBucket.Take.GRANTED) {
      return new Verdict.Rejected(new Rejection(Reason.REASON_RATE_LIMITED, "more than " + burst
          + " commands at once or " + perSecond + "/s under key " + keyId), keyId, CommandBody.getDefaultInstance(),
          take == TokenBucket.Take.DENIED_FIRST);
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
    return checkBody(key, body);
  }

  private Verdict checkBody(CommandKey key, CommandBody body) {
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
      case CommandChecks.Result.Passed passed -> checks.mode(passed.spec())
          .<Verdict>map(r -> new Verdict.Rejected(r, keyId, body, true))
          .orElseGet(() -> new Verdict.Accepted(key, body, passed.spec(), passed.args()));
    };
  }

  /** The checks by name, role, arguments and mode this verifier applies after the signature and counter. */
  public CommandChecks checks() {
    return checks;
  }

  private Verdict anonymous(String keyId, Reason reason, String text) {
    return new Verdict.Rejected(new Rejection(reason, text), keyId, CommandBody.getDefaultInstance(),
        anonymous.take() == TokenBucket.Take.GRANTED);
  }

  private static Verdict rejected(String keyId, CommandBody body, Reason reason, String text) {
    return new Verdict.Rejected(new Rejection(reason, text), keyId, body, true);
  }

  private static boolean hasUnknownFields(Message message) {
    return !message.getUnknownFields().asMap().isEmpty();
  }

  /** Untrusted text made safe to echo: printable, at most 64 characters. */
  static String echo(String text) {
    String cut = text.length() > MAX_ECHO ? text.substring(0, MAX_ECHO) : text;
    return cut.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
  }
}
