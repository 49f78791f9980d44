/**
 * Driver for the TI INA226 36 V, 16-bit current, voltage and power monitor on I2C
 * ({@link Ina226}): calibration from the shunt and the largest current, bus and shunt voltage,
 * current, power. Measures the bank's pack.
 */
package space.lunarbase.hal.device.ina226;
