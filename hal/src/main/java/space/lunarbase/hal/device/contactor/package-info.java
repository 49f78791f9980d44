/**
 * A DC contactor ({@link Contactor}): its coil switched by a GPIO output, its auxiliary contact
 * read on a GPIO input, and its state judged from the two and the settle times: open, closing,
 * closed, opening, welded or failed to close.
 */
package space.lunarbase.hal.device.contactor;
