package space.lunarbase.fleet;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import space.lunarbase.fsw.core.channel.Channel;
import space.lunarbase.fsw.core.channel.ChannelSpec;
import space.lunarbase.fsw.core.channel.Sample;
import space.lunarbase.fsw.core.telemetry.SampleBatcher;
import space.lunarbase.proto.v1.BankTelemetry;
import space.lunarbase.proto.v1.CellTelemetry;
import space.lunarbase.proto.v1.ContactorTelemetry;
import space.lunarbase.proto.v1.Mode;
import space.lunarbase.proto.v1.Quality;
import space.lunarbase.proto.v1.TelemetryFrame;
import space.lunarbase.proto.v1.TemperatureReading;

/**
 * A capacitor bank of {@value #CELLS} cells held READY: cell voltages near 2.5 V with a small
 * spread, pack voltage and current; the pack voltage is also sampled every channel cycle and sent
 * in the frame as a batch (the firmware's {@link SampleBatcher}); its hottest cell goes yellow for
 * a while every two minutes.
 */
final class BankFamily implements Family {

  static final int CELLS = 8;
  private static final double CELL_FARADS = 3000;

  private final String id;
  private final double phase;
  private final double[] cells = new double[CELLS];
  private volatile double pack;
  private volatile double current;
  private volatile double hottest;
  private final SampleBatcher batcher = new SampleBatcher(64);
  private final List<Channel> channels;

  BankFamily(String id, double phase) {
    this.id = id;
    this.phase = phase;
    List<Channel> list = new ArrayList<>();
    list.add(new Channel(ChannelSpec.of("bank.pack_voltage_v", "V").yellow(0, 21.6).red(0, 22), () -> Sample.good(pack)));
    list.add(new Channel(ChannelSpec.of("bank.pack_current_a", "A").yellow(-60, 60).red(-80, 80),
        () -> Sample.good(current)));
    list.add(new Channel(ChannelSpec.of("bank.temp_max_c", "degC").yellow(-20, 50).red(-30, 60).persistence(3),
        () -> Sample.good(hottest)));
    for (int i = 0; i < CELLS; i++) {
      int cell = i;
      list.add(new Channel(ChannelSpec.of("bank.cell_%02d_voltage".formatted(i + 1), "V").yellow(0, 2.7).red(0, 2.8),
          () -> Sample.good(cells[cell])));
    }
    this.channels = List.copyOf(list);
  }

  @Override
  public String subsystem() {
    return "bank";
  }

  @Override
  public List<Channel> channels() {
    return channels;
  }

  @Override
  public void refresh(Instant cycleTime) {
    double t = Family.seconds(cycleTime);
    double sum = 0;
    for (int i = 0; i < CELLS; i++) {
      cells[i] = Family.wave(t, phase + i * 3.1, 600, 2.5, 0.01) + 0.002 * i;
      sum += cells[i];
    }
    pack = sum;
    current = Family.wave(t, phase, 30, 0, 0.5);
    hottest = Family.wave(t, phase, 120, 38, 16);
  }

  @Override
  public void fastCycle(Instant now) {
    batcher.add("pack_voltage_v", now, (float) pack, Quality.QUALITY_GOOD);
  }

  @Override
  public void frame(TelemetryFrame.Builder frame, Instant now) {
    BankTelemetry.Builder bank = BankTelemetry.newBuilder()
        .setBankId(id)
        .setPackVoltageV(pack)
        .setPackCurrentA(current)
        .setPackPowerW(pack * current)
        .setQuality(Quality.QUALITY_GOOD)
        .setMainContactor(ContactorTelemetry.newBuilder().setState(ContactorTelemetry.State.STATE_OPEN))
        .setDischargeContactor(ContactorTelemetry.newBuilder().setState(ContactorTelemetry.State.STATE_OPEN))
        .setMode(Mode.MODE_NOMINAL)
        .setState(BankTelemetry.State.STATE_READY)
        .setTargetCellV(2.5)
        .setReady(true)
        .addTemperatures(TemperatureReading.newBuilder().setLocation("cells").setCelsius(hottest)
            .setQuality(Quality.QUALITY_GOOD));
    double energy = 0;
    double low = Double.MAX_VALUE;
    double high = -Double.MAX_VALUE;
    for (int i = 0; i < CELLS; i++) {
      double cellEnergy = 0.5 * CELL_FARADS * cells[i] * cells[i];
      energy += cellEnergy;
      low = Math.min(low, cells[i]);
      high = Math.max(high, cells[i]);
      bank.addCells(CellTelemetry.newBuilder().setIndex(i + 1).setVoltageV(cells[i]).setQuality(Quality.QUALITY_GOOD)
          .setEnergyJ(cellEnergy));
    }
    bank.setEnergyJ(energy).setAvailableEnergyJ(energy).setStateOfCharge(Math.min(1, energy
        / (CELLS * 0.5 * CELL_FARADS * 2.7 * 2.7))).setCellSpreadV(high - low);
    frame.setBank(bank).addAllBatches(batcher.drain(now));
  }
}
