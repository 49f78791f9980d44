/**
 * Operating modes: {@link Modes} holds the {@link Mode} (SAFE, NOMINAL, MAINTENANCE) of each
 * subsystem, raises MODE_CHANGED with its cause and lets {@link ModeGuard}s veto a change (fault
 * protection keeps a subsystem SAFE while its red condition persists). Commands declare the modes
 * they are legal in.
 */
package space.lunarbase.fsw.core.mode;
