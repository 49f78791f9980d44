/**
 * This start of the firmware: the persisted boot count, incremented and written atomically before
 * anything is published ({@link BootCounter}), and {@link BootInfo} (boot count, start time on the
 * injected clock, firmware version), which every header carries.
 */
package space.lunarbase.fsw.core.boot;
