/**
 * Driver for the Microchip MCP23017 16-bit I2C I/O expander ({@link Mcp23017}), which drives the
 * bank's per-cell balancing bleed switches; it notices a reset expander (a brown-out turns every
 * pin into an input).
 */
package space.lunarbase.hal.device.mcp23017;
