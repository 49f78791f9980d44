/**
 * A step/direction stepper driver such as the TI DRV8825 ({@link StepDirDriver}) on four GPIO
 * lines (step, direction, active-low enable, open-drain fault): moves bounded per call, no step
 * while disabled or faulted, the fault line checked before each step, the steps issued counted.
 */
package space.lunarbase.hal.device.stepper;
