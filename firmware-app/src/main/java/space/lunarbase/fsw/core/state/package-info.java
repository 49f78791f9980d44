/**
 * State machines' transitions: {@link Transitions} holds a family's state, checks each move against
 * the family's table of allowed moves, records it and tells the family's listeners (its event, its
 * telemetry); a move the table does not allow is a {@link TransitionRefused}. The families (bank,
 * rail, tracker) keep their own states, events and refusal reasons; only the mechanism is here.
 */
package space.lunarbase.fsw.core.state;
