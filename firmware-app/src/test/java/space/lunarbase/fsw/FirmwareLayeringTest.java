package space.lunarbase.fsw;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The firmware's layering, checked on its main classes (tests are left out):
 *
 * <ul>
 *   <li>{@code core} and {@code app} never depend on {@code link} or on Paho: the link is the outer
 *       shell that takes the core's outbox and feeds its inbound handlers, so the core and the
 *       applications run and are tested without a broker;
 *   <li>the hal's simulation ({@code space.lunarbase.hal.sim}) is used only by the simulated wiring:
 *       the {@code hal.mode=sim} factory ({@code config.SimulatedHardware}, with the bean
 *       definitions Micronaut generates for it) and the simulation control channel
 *       ({@code config.simcontrol}). Everything else sees the hal's interfaces only, so a board in
 *       real mode never loads a simulated class.
 * </ul>
 */
@AnalyzeClasses(packages = "space.lunarbase.fsw", importOptions = ImportOption.DoNotIncludeTests.class)
class FirmwareLayeringTest {

  /** The {@code hal.mode=sim} factory and the classes Micronaut generates for it ({@code $SimulatedHardware$...}). */
  private static final DescribedPredicate<JavaClass> SIMULATED_HARDWARE_FACTORY = DescribedPredicate.describe(
      "the simulated hardware factory", c -> c.getName().equals("space.lunarbase.fsw.config.SimulatedHardware")
          || c.getName().startsWith("space.lunarbase.fsw.config.$SimulatedHardware"));

  @ArchTest
  static final ArchRule coreAndAppNeverUseTheLink = noClasses()
      .that().resideInAnyPackage("space.lunarbase.fsw.core..", "space.lunarbase.fsw.app..")
      .should().dependOnClassesThat().resideInAnyPackage("space.lunarbase.fsw.link..", "org.eclipse.paho..")
      .because("the link is the outer shell: core and app hand messages to the outbox and take them from"
          + " inbound handlers, and run without a broker");

  @ArchTest
  static final ArchRule onlyTheSimulatedWiringUsesSimulation = noClasses()
      .that().resideOutsideOfPackage("space.lunarbase.fsw.config.simcontrol..")
      .and(DescribedPredicate.not(SIMULATED_HARDWARE_FACTORY))
      .should().dependOnClassesThat().resideInAPackage("space.lunarbase.hal.sim..")
      .because("hal.mode=real must never load a simulated class: the rest of the firmware sees the hal's"
          + " interfaces (Board, SolarTracker, CellBank, LaunchRail) only");
}
