/**
 * {@code lunarctl}, the operator's command line ({@link Lunarctl}, picocli): watch, state, record,
 * replay, rebirth, send (signed commands) and seq (stored sequences), over plain TCP or TLS to a
 * site broker ({@link BrokerOption}, {@link BrokerSettings}; failures in an operator's words:
 * {@link ConnectFailure}). Messages are decoded with the schema each controller publishes, checked
 * against the hash its birth names ({@link WireSchema}, {@link SchemaCatalog}); loss and restarts
 * are noticed from the headers ({@link SequenceTracker}); commands are signed as the firmware checks
 * them ({@link space.lunarbase.wire.CommandSignature}, {@link KeyFile}) and only the controller's signed ack is taken as the
 * answer ({@link CommandExchange}). Paho's callbacks only queue; the command's own thread does the
 * work.
 */
package space.lunarbase.ground.cli;
