package space.lunarbase.hal.rail;

import space.lunarbase.hal.device.railfe.FiringTable;

/**
 * The launch rail as the firmware sees it: its timestamping front-end (firing table, arm, fire,
 * events), its interlock inputs, its arm and fire-permit outputs, coil currents and rail
 * temperatures. Sequencing (SAFE, ARMING, ARMED, FIRE, ANALYZE) and interlock decisions belong to
 * the application; this interface only does and reports.
 *
 * <p>Never throws for a hardware fault: readings carry a time and a {@code Quality}, commands
 * return a {@link RailAction} with the reason they were not done.
 */
public interface LaunchRail {

  /** The configured id of this rail, {@code [a-z0-9-]+}. */
  String id();

  /** Uploads the firing table to the front-end and verifies it by read-back. */
  RailAction uploadFiringTable(FiringTable table);

  /** Arms the front-end (key sequence; needs a valid table). */
  RailAction armFrontEnd();

  /** Disarms the front-end and cancels pending coil triggers. Always attempted. */
  RailAction disarmFrontEnd();

  /** Starts the firing sequence; the front-end refuses unless armed with fire permit high. */
  RailAction fire();

  /** Empties the event FIFO and clears its overflow and fault latches. */
  RailAction clearEvents();

  /** Drives the arm output (the hardware arm line to the coil drivers). */
  RailAction setArmOutput(boolean on);

  /** Drives the fire-permit output (into the front-end's FIRE_PERMIT input). */
  RailAction setFirePermit(boolean on);

  /** Reads the waiting events, a bounded number per call. */
  EventBatch drainEvents();

  /** The front-end's status and counter. */
  FrontEndReading readFrontEnd();

  /** Latest current per coil, amperes. */
  ChannelReading readCoilCurrents();

  /** Rail temperatures per thermistor channel, degC. */
  ChannelReading readTemperatures();

  /** The breech is latched (input, active high: a broken wire reads not latched). */
  DiscreteReading breechLatched();

  /** The rail is clear of people and objects (input, active high: a broken wire reads not clear). */
  DiscreteReading railClear();

  /** The level the arm output drives. */
  DiscreteReading armOutput();

  /** The level the fire-permit output drives. */
  DiscreteReading firePermit();
}
