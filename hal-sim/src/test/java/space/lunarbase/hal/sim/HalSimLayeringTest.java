package space.lunarbase.hal.sim;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The simulation's place in the layering, checked on its main classes: like the hal below it, it
 * knows nothing of Micronaut, MQTT or protobuf; it replaces the bus, so it implements Pi4J's
 * provider interfaces under the hal's drivers and never uses Pi4J's Linux providers.
 */
@AnalyzeClasses(packages = "space.lunarbase.hal.sim", importOptions = ImportOption.DoNotIncludeTests.class)
class HalSimLayeringTest {

  @ArchTest
  static final ArchRule knowsNothingOfMicronautMqttOrProtobuf = noClasses()
      .that().resideInAPackage("space.lunarbase.hal.sim..")
      .should().dependOnClassesThat().resideInAnyPackage("io.micronaut..", "org.eclipse.paho..",
          "com.google.protobuf..", "space.lunarbase.proto..", "com.pi4j.plugin..")
      .because("a simulated board is our own Pi4J providers over plant models, below the firmware");
}
