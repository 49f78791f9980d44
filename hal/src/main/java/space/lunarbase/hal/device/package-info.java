/**
 * Register-level drivers, one package per chip, each taking its Pi4J handle in its constructor and
 * carrying its datasheet's facts in its Javadoc. {@link I2cRegisters} turns every bus error into a
 * {@link space.lunarbase.hal.DeviceException} naming the device and register. Drivers depend on
 * their bus only, never on the subsystems built on them ({@code HalLayeringTest}).
 */
package space.lunarbase.hal.device;
