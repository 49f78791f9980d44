/**
 * Driver for the TI ADS1115 16-bit, 4-channel I2C ADC ({@link Ads1115}): single-shot conversions,
 * programmable gain, the conversion wait on an injectable timing. Used for cell voltages and the
 * quad sun sensor.
 */
package space.lunarbase.hal.device.ads1115;
