/**
 * Parameters, values an operator tunes in flight and the controller keeps across restarts: each
 * subsystem declares its own in one {@link ParameterSet} bean ({@link ParamSpec});
 * {@link Parameters} holds them (defaults from configuration, saved values from
 * {@link ParameterFile}) and reads them without a lock; {@code core.SET_PARAM}
 * ({@link ParamCommands}) changes one; {@link ParameterTelemetryTask} sends them on
 * {@code tlm/params}.
 */
package space.lunarbase.fsw.core.param;
