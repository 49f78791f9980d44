/**
 * Stored command sequences: a signed {@code seq.LOAD} uploads a list of time-tagged commands
 * ({@link SequenceValidator} judges every entry as if the uploader had sent it); {@link Sequencer}
 * and {@link Slot} are the slots' state machine; {@link SequenceScheduler} hands due entries to
 * the command dispatcher from a rate-group task on the rate groups' clock ({@link SequenceTime});
 * loaded sequences persist ({@link SequenceStore}) and come back LOADED, never running
 * ({@link SequenceRestorer}); progress goes out on {@code tlm/seq}.
 */
package space.lunarbase.fsw.core.seq;
