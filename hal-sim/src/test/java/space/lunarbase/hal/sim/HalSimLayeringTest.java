package space.lunarbase.hal.sim;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The simulation's place in the layering, checked on its main classes: all of it is in
 * {@code space.lunarbase.hal.sim}, and like the hal below it it knows nothing of Micronaut, MQTT or
 * protobuf; it replaces the bus, so it uses Pi4J's provider interfaces and the hal's drivers, never
 * Pi4J's Linux providers.
 */
@AnalyzeClasses(packages = "space.lunarbase", importOptions = ImportOption.DoNotIncludeTests.class)
class HalSimLayeringTest {

  @ArchTest
  static final ArchRule allOfItIsInTheSimPackage = classes()
      .that().resideInAPackage("space.lunarbase..")
      .and().resideOutsideOfPackages("space.lunarbase.hal..", "space.lunarbase.ephemeris..")
      .should().resideInAPackage("space.lunarbase.hal.sim..")
      .allowEmptyShould(true)
      .because("hal-sim keeps the package names it had inside hal: everything of it is hal.sim");

  @ArchTest
  static final ArchRule knowsNothingOfMicronautMqttOrProtobuf = noClasses()
      .that().resideInAPackage("space.lunarbase.hal.sim..")
      .should().dependOnClassesThat().resideInAnyPackage("io.micronaut..", "org.eclipse.paho..",
          "com.google.protobuf..", "space.lunarbase.proto..", "com.pi4j.plugin..")
      .because("a simulated board is our own Pi4J providers over plant models, below the firmware");
}
