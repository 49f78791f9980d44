package space.lunarbase.fsw.link;

import jakarta.inject.Singleton;
import java.time.InstantSource;
import space.lunarbase.fsw.config.HalSettings;
import space.lunarbase.fsw.core.boot.BootInfo;
import space.lunarbase.fsw.core.dictionary.ControllerDictionary;
import space.lunarbase.fsw.core.telemetry.HeaderStamper;
import space.lunarbase.proto.Schema;
import space.lunarbase.proto.v1.ControllerState;
import space.lunarbase.proto.v1.ControllerState.Status;
import space.lunarbase.wire.Topics;

/** Composes this controller's retained birth (ONLINE) and death (OFFLINE) messages. */
@Singleton
public final class ControllerStates {

  private final HeaderStamper headers;
  private final BootInfo boot;
  private final InstantSource clock;
  private final String halMode;
  private final String dictionaryHash;

  public ControllerStates(HeaderStamper headers, BootInfo boot, InstantSource clock, HalSettings hal,
                          ControllerDictionary dictionary) {
    this.headers = headers;
    this.dictionaryHash = dictionary.hash();
    this.boot = boot;
    this.clock = clock;
    this.halMode = hal.mode();
  }

  /** A birth: sequenced on the state stream. */
  public ControllerState online() {
    return base(Status.STATUS_ONLINE, "")
        .setHeader(headers.next(Topics.STATE, clock.instant()))
        .build();
  }

  /** The death published on a clean shutdown: sequenced on the state stream. */
  public ControllerState offline(String reason) {
    return base(Status.STATUS_OFFLINE, reason)
        .setHeader(headers.next(Topics.STATE, clock.instant()))
        .build();
  }

  /** The death the broker publishes as the last will: composed at connect time, sequence 0. */
  public ControllerState will() {
    return base(Status.STATUS_OFFLINE, "connection lost")
        .setHeader(headers.unsequenced(clock.instant()))
        .build();
  }

  private ControllerState.Builder base(Status status, String reason) {
    return ControllerState.newBuilder()
        .setStatus(status)
        .setBootCount(boot.bootCount())
        .setFirmwareVersion(boot.firmwareVersion())
        .setSchemaHash(Schema.hash())
        .setStartTimeNs(HeaderStamper.nanos(boot.startTime()))
        .setHalMode(halMode)
        .setDictionaryHash(dictionaryHash)
        .setReason(reason);
  }
}
