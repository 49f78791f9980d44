/**
 * Driver for the Maxim DS18B20 1-Wire thermometer ({@link Ds18b20}), read through the Linux
 * {@code w1-therm} files under {@code /sys/bus/w1/devices}, with the CRC and power-on-value
 * checks.
 */
package space.lunarbase.hal.device.ds18b20;
