package space.lunarbase.hal;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The hal's place in the layering, checked on its main classes (tests are left out): it knows
 * nothing of the application above it or of the wire, nor of the simulation built on it (module
 * hal-sim), so a real board never loads a simulated class; and a driver talks to its bus, not to
 * the subsystems built on it.
 */
@AnalyzeClasses(packages = "space.lunarbase.hal", importOptions = ImportOption.DoNotIncludeTests.class)
class HalLayeringTest {

  @ArchTest
  static final ArchRule knowsNothingOfMicronautMqttOrProtobuf = noClasses()
      .that().resideInAPackage("space.lunarbase.hal..")
      .should().dependOnClassesThat().resideInAnyPackage("io.micronaut..", "org.eclipse.paho..",
          "com.google.protobuf..", "space.lunarbase.proto..")
      .because("hal is the bottom layer: the firmware, the link and the wire schema sit above it");

  @ArchTest
  static final ArchRule neverUsesTheSimulation = noClasses()
      .that().resideInAPackage("space.lunarbase.hal..")
      .should().dependOnClassesThat().resideInAPackage("space.lunarbase.hal.sim..")
      .because("the simulation (hal-sim) is built on hal, not the other way round: a real board"
          + " (hal.mode=real) must never load a simulated class, and the flight application carries none");

  @ArchTest
  static final ArchRule driversKnowOnlyTheirBus = noClasses()
      .that().resideInAPackage("space.lunarbase.hal.device..")
      .should().dependOnClassesThat().resideInAnyPackage("space.lunarbase.hal.bank..",
          "space.lunarbase.hal.tracker..", "space.lunarbase.hal.rail..", "space.lunarbase.hal.board..")
      .because("a driver is its datasheet over a Pi4J handle; subsystems and boards are built on drivers");
}
