/**
 * Telemetry channels and limits (F Prime's channels with yellow and red limits): each subsystem
 * declares its channels in one {@link ChannelSet} bean ({@link ChannelSpec}: name, unit, limits,
 * persistence); the {@link LimitMonitor} checks every one on a rate group, raises limit and
 * bad-quality events and tells fault protection ({@link LimitListener}); {@link ChannelFrames}
 * sends every value, quality and level on {@code tlm/channels}, in the order of a catalogue sent
 * now and then.
 */
package space.lunarbase.fsw.core.channel;
