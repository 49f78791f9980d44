/**
 * Bank management: the {@link BankManager} state machine that charges the capacitor bank to a
 * commanded per-cell target ({@link ChargeLaw}), balances its cells ({@link Balancer}), guards it
 * ({@link Protection}), reports its energy ({@link BankEnergy}) and tells the launch rail whether
 * it is ready for a shot ({@link ShotReadiness}); and the bank's telemetry ({@link BankSampler},
 * {@link PackSeries}, {@link BankFrames}). Everything the bank declares is in one class each:
 * {@link BankCommands}, {@link BankChannels}, {@link BankParameters}, {@link BankEvents}. None of
 * it exists on a board without a bank.
 */
package space.lunarbase.fsw.app.bank;
