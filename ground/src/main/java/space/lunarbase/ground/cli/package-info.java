/**
 * {@code lunarctl}, the operator's command line ({@link Lunarctl}, picocli): watch, state, record,
 * replay, rebirth, send (signed commands) and seq (stored sequences). Messages are decoded with
 * the schema each controller publishes ({@link WireSchema}, {@link SchemaCatalog}), loss and
 * restarts noticed from the headers ({@link SequenceTracker}), commands signed as the firmware
 * checks them ({@link CommandSigner}, {@link KeyFile}). Paho's callbacks only queue; the command's
 * own thread does the work.
 */
package space.lunarbase.ground.cli;
