package space.lunarbase.fsw.sim;

import io.micronaut.context.annotation.Requires;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import space.lunarbase.fsw.config.HalSettings;

/**
 * Marks a bean or factory of the simulated wiring: it exists only with {@code hal.mode=sim}. The
 * one place that says so; every bean of {@code space.lunarbase.fsw.sim} carries it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Requires(property = "hal.mode", value = HalSettings.SIM)
public @interface SimulatedHardware {}
