package space.lunarbase.fsw.core.command;

import com.google.protobuf.ByteString;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import space.lunarbase.fsw.core.telemetry.HeaderStamper;
import space.lunarbase.proto.v1.CommandBody;
import space.lunarbase.proto.v1.SignedCommand;
import space.lunarbase.proto.v1.Value;

/**
 * Builds and signs a command as a ground tool would: {@code TestCommand.of("bank.SET_CHARGE_CURRENT")
 * .number("amps", 5).key(TestKeys.OPERATOR).counter(7).expires(now.plusSeconds(30)).signed()}.
 */
public final class TestCommand {

  private final String command;
  private final Map<String, Value> args = new LinkedHashMap<>();
  private CommandKey key = TestKeys.OPERATOR;
  private CommandKey signer;
  private long counter = 1;
  private long requestId;
  private Instant expires = Instant.now().plus(Duration.ofMinutes(1));
  private String site = "test-site";
  private String controller = "ctl-1";

  private TestCommand(String command) {
    this.command = command;
  }

  public static TestCommand of(String command) {
    return new TestCommand(command);
  }

  public TestCommand number(String name, double value) {
    args.put(name, Value.newBuilder().setNumber(value).build());
    return this;
  }

  public TestCommand integer(String name, long value) {
    args.put(name, Value.newBuilder().setInteger(value).build());
    return this;
  }

  public TestCommand text(String name, String value) {
    args.put(name, Value.newBuilder().setText(value).build());
    return this;
  }

  public TestCommand data(String name, byte[] value) {
    args.put(name, Value.newBuilder().setData(ByteString.copyFrom(value)).build());
    return this;
  }

  public TestCommand flag(String name, boolean value) {
    args.put(name, Value.newBuilder().setFlag(value).build());
    return this;
  }

  /** The key named in the envelope (and used to sign, unless {@link #signedBy} says otherwise). */
  public TestCommand key(CommandKey key) {
    this.key = key;
    return this;
  }

  /** Signs with another key's secret than the one named: a bad MAC. */
  public TestCommand signedBy(CommandKey signer) {
    this.signer = signer;
    return this;
  }

  public TestCommand counter(long counter) {
    this.counter = counter;
    return this;
  }

  public TestCommand requestId(long requestId) {
    this.requestId = requestId;
    return this;
  }

  public TestCommand expires(Instant expires) {
    this.expires = expires;
    return this;
  }

  public TestCommand target(String site, String controller) {
    this.site = site;
    this.controller = controller;
    return this;
  }

  public CommandKey key() {
    return key;
  }

  public long requestId() {
    return requestId;
  }

  public CommandBody body() {
    return CommandBody.newBuilder().setCounter(counter).setExpiresNs(HeaderStamper.nanos(expires))
        .setSiteId(site).setControllerId(controller).setCommand(command).putAllArgs(args).setRequestId(requestId)
        .build();
  }

  /** The SignedCommand's bytes: MAC = HMAC-SHA256(secret, body bytes). */
  public byte[] signed() {
    byte[] body = body().toByteArray();
    byte[] mac = (signer == null ? key : signer).mac(body);
    return SignedCommand.newBuilder().setBody(ByteString.copyFrom(body)).setKeyId(key.id())
        .setMac(ByteString.copyFrom(mac)).build().toByteArray();
  }
}
