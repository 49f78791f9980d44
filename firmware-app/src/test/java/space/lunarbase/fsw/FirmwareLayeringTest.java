package space.lunarbase.fsw;

import static com.tngtech.archunit.core.domain.properties.CanBeAnnotated.Predicates.annotatedWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.http.annotation.Controller;
import jakarta.inject.Singleton;
import space.lunarbase.fsw.sim.SimulatedHardware;

/**
 * The firmware's layering, checked on its main classes (tests are left out):
 *
 * <ul>
 *   <li>{@code core} and {@code app} never depend on {@code link} or on Paho: the link is the outer
 *       shell that takes the core's outbox and feeds its inbound handlers, so the core and the
 *       applications run and are tested without a broker;
 *   <li>the simulation ({@code space.lunarbase.hal.sim}, module hal-sim) and Moquette are used only
 *       by the simulated wiring ({@code space.lunarbase.fsw.sim}), and the flight code never refers
 *       to that package: the flight application is built without it, and a board in real mode never
 *       loads a simulated class;
 *   <li>every bean of the simulated wiring exists with {@code hal.mode=sim} only ({@link SimulatedHardware}).
 * </ul>
 */
@AnalyzeClasses(packages = "space.lunarbase.fsw", importOptions = ImportOption.DoNotIncludeTests.class)
class FirmwareLayeringTest {

  private static final String SIM_WIRING = "space.lunarbase.fsw.sim..";

  @ArchTest
  static final ArchRule coreAndAppNeverUseTheLink = noClasses()
      .that().resideInAnyPackage("space.lunarbase.fsw.core..", "space.lunarbase.fsw.app..")
      .should().dependOnClassesThat().resideInAnyPackage("space.lunarbase.fsw.link..", "org.eclipse.paho..")
      .because("the link is the outer shell: core and app hand messages to the outbox and take them from"
          + " inbound handlers, and run without a broker");

  @ArchTest
  static final ArchRule onlyTheSimulatedWiringUsesSimulation = noClasses()
      .that().resideOutsideOfPackage(SIM_WIRING)
      .should().dependOnClassesThat().resideInAnyPackage("space.lunarbase.hal.sim..", "io.moquette..")
      .because("hal.mode=real must never load a simulated class, and the flight application carries neither"
          + " hal-sim nor Moquette: the rest of the firmware sees the hal's interfaces (Board, SolarTracker,"
          + " CellBank, LaunchRail) only");

  @ArchTest
  static final ArchRule flightCodeNeverUsesTheSimulatedWiring = noClasses()
      .that().resideOutsideOfPackage(SIM_WIRING)
      .should().dependOnClassesThat().resideInAPackage(SIM_WIRING)
      .because("the flight application is firmware-app without the package sim: nothing else may need it");

  @ArchTest
  static final ArchRule simulatedBeansExistInSimModeOnly = classes()
      .that().resideInAPackage(SIM_WIRING)
      .and(annotatedWith(Singleton.class).or(annotatedWith(Factory.class)).or(annotatedWith(Controller.class))
          .or(annotatedWith(Context.class)))
      .should().beAnnotatedWith(SimulatedHardware.class)
      .because("a simulated bean must not exist in real mode: @SimulatedHardware says hal.mode=sim once");
}
