package space.lunarbase.station;

import space.lunarbase.proto.v1.BankTelemetry;
import space.lunarbase.proto.v1.ChannelCatalogue;
import space.lunarbase.proto.v1.ChannelInfo;
import space.lunarbase.proto.v1.ChannelTelemetry;
import space.lunarbase.proto.v1.ControllerState;
import space.lunarbase.proto.v1.Event;
import space.lunarbase.proto.v1.Header;
import space.lunarbase.proto.v1.LimitLevel;
import space.lunarbase.proto.v1.Mode;
import space.lunarbase.proto.v1.SampleBatch;
import space.lunarbase.proto.v1.Severity;
import space.lunarbase.proto.v1.TelemetryFrame;

/** Real protobuf messages as a controller sends them, for the station's tests. */
final class Frames {

  static final String SITE = "lunar-south";
  static final String CONTROLLER = "bank-ctl-9";
  static final String KEY = SITE + "/" + CONTROLLER;
  static final String ROOT = "lunarbase/v1";

  private Frames() {}

  static String topic(String stream) {
    return ROOT + "/" + KEY + "/" + stream;
  }

  static Header header(long boot, long sequence, long timeMillis, boolean historical) {
    return Header.newBuilder().setSiteId(SITE).setControllerId(CONTROLLER).setBootCount(boot).setSequence(sequence)
        .setSampleTimeNs(timeMillis * 1_000_000L).setSchemaVersion(1).setHistorical(historical).build();
  }

  static byte[] bank(long boot, long sequence, long timeMillis, double packVolts, boolean historical) {
    return TelemetryFrame.newBuilder().setHeader(header(boot, sequence, timeMillis, historical))
        .setBank(BankTelemetry.newBuilder().setBankId("bank-1").setPackVoltageV(packVolts).setPackCurrentA(1.5)
            .setMode(Mode.MODE_NOMINAL))
        .build().toByteArray();
  }

  /** A bank frame with a batch of {@code samples} pack-current samples, 1 ms apart, ending at the frame time. */
  static byte[] bankWithBatch(long boot, long sequence, long timeMillis, int samples) {
    SampleBatch.Builder batch = SampleBatch.newBuilder().setChannel("fast_current_a");
    for (int i = 0; i < samples; i++) {
      batch.addTimeOffsetNs(-(long) (samples - 1 - i) * 1_000_000L).addValue(i);
    }
    return TelemetryFrame.newBuilder().setHeader(header(boot, sequence, timeMillis, false))
        .setBank(BankTelemetry.newBuilder().setPackVoltageV(30)).addBatches(batch).build().toByteArray();
  }

  static ChannelCatalogue catalogue() {
    return ChannelCatalogue.newBuilder()
        .addChannels(ChannelInfo.newBuilder().setName("bank.pack_voltage").setUnit("V").setYellowLow(Double.NaN)
            .setYellowHigh(33).setRedLow(Double.NaN).setRedHigh(34).setPersistence(1))
        .addChannels(ChannelInfo.newBuilder().setName("bank.cell_01_voltage").setUnit("V").setYellowLow(0)
            .setYellowHigh(2.7).setRedLow(-0.1).setRedHigh(2.8).setPersistence(1))
        .build();
  }

  static byte[] channels(long boot, long sequence, long timeMillis, boolean withCatalogue, float pack, float cell,
      LimitLevel cellLevel) {
    ChannelTelemetry.Builder channels = ChannelTelemetry.newBuilder().setCatalogueId(0x1234abcd)
        .addValue(pack).addValue(cell);
    if (withCatalogue) {
      channels.setCatalogue(catalogue());
    }
    if (cellLevel != LimitLevel.LIMIT_LEVEL_IN_LIMITS) {
      channels.addLevel(LimitLevel.LIMIT_LEVEL_IN_LIMITS).addLevel(cellLevel);
    }
    return TelemetryFrame.newBuilder().setHeader(header(boot, sequence, timeMillis, false)).setChannels(channels)
        .build().toByteArray();
  }

  static byte[] online(long boot, long timeMillis) {
    return ControllerState.newBuilder().setHeader(header(boot, 1, timeMillis, false))
        .setStatus(ControllerState.Status.STATUS_ONLINE).setBootCount(boot).setFirmwareVersion("0.1.0")
        .setHalMode("sim").setStartTimeNs(timeMillis * 1_000_000L).build().toByteArray();
  }

  static byte[] offline(long boot, long timeMillis) {
    return ControllerState.newBuilder().setHeader(header(boot, 0, timeMillis, false))
        .setStatus(ControllerState.Status.STATUS_OFFLINE).setBootCount(boot).setReason("connection lost")
        .build().toByteArray();
  }

  static byte[] event(long boot, long sequence, long timeMillis, String name, String text) {
    return Event.newBuilder().setHeader(header(boot, sequence, timeMillis, false))
        .setSeverity(Severity.SEVERITY_WARNING_HI).setId(1001).setName(name).setText(text).setSubsystem("bank")
        .putArgs("cell", "cell_01").build().toByteArray();
  }
}
