/**
 * Driver for the ams AS5600 12-bit magnetic rotary position sensor on I2C ({@link As5600}): the
 * raw angle read together with the magnet status, AGC and magnitude, so that no angle is used
 * without a magnet behind it. The tracker's axis encoders.
 */
package space.lunarbase.hal.device.as5600;
