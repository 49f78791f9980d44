/**
 * Simulated GPIO: our own Pi4J digital input, digital output and PWM providers, all wired through
 * one {@link space.lunarbase.hal.sim.gpio.SimPins} object to plant models. Inputs are driven by
 * plant suppliers (with stuck and chattering faults), outputs and PWM channels report every change
 * to plant listeners. Like the rest of {@code sim}, never loaded in real mode.
 */
package space.lunarbase.hal.sim.gpio;
