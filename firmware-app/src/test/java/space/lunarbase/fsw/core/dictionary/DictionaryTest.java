package space.lunarbase.fsw.core.dictionary;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.fsw.core.channel.ChannelSpec;
import space.lunarbase.fsw.core.channel.LimitMonitor;
import space.lunarbase.proto.v1.ArgInfo;
import space.lunarbase.proto.v1.ArgType;
import space.lunarbase.proto.v1.ChannelDef;
import space.lunarbase.proto.v1.CommandInfo;
import space.lunarbase.proto.v1.Dictionary;
import space.lunarbase.proto.v1.EventArgInfo;
import space.lunarbase.proto.v1.EventInfo;
import space.lunarbase.proto.v1.ParameterInfo;
import space.lunarbase.proto.v1.Severity;

/**
 * The dictionary of a started firmware (the default simulated board): what it says of known
 * declarations, and that the committed {@code docs/dictionary} is what it renders to.
 */
class DictionaryTest {

  @TempDir
  static Path data;

  private static ApplicationContext firmware;
  private static ControllerDictionary built;

  @BeforeAll
  static void start() {
    firmware = ApplicationContext.run(Map.of("lunarbase.data-dir", data.toString(), "hal.mode", "sim",
        "lunarbase.commands.key-file", space.lunarbase.fsw.core.command.TestKeys.file().toString()));
    built = firmware.getBean(ControllerDictionary.class);
  }

  @AfterAll
  static void stop() {
    if (firmware != null) {
      firmware.close();
    }
  }

  @Test
  void aCommandHasItsTypedRangedArgumentsRolesModesAndTraits() {
    CommandInfo charge = command("bank.CHARGE");

    assertThat(charge.getRolesList()).containsExactly("operator");
    assertThat(charge.getModesList()).containsExactly("NOMINAL");
    assertThat(charge.getTraitsList()).containsExactly("TIME_CRITICAL");
    assertThat(charge.getSafing()).isEmpty();
    ArgInfo volts = charge.getArgs(0);
    assertThat(volts.getName()).isEqualTo("cell_volts");
    assertThat(volts.getType()).isEqualTo(ArgType.ARG_TYPE_NUMBER);
    assertThat(volts.getUnit()).isEqualTo("V");
    assertThat(volts.getMin()).isEqualTo(0.5);
    assertThat(volts.getMax()).isGreaterThan(2.0).isLessThan(3.5);
    assertThat(charge.getArgs(1).getName()).isEqualTo("amps");

    assertThat(command("rail.SAFE").getSafing()).isEqualTo("always");
    assertThat(command("core.SET_MODE").getSafing()).isEqualTo("when mode=SAFE");
    assertThat(command("core.SET_MODE").getModesList()).containsExactlyInAnyOrder("SAFE", "NOMINAL", "MAINTENANCE");
    assertThat(command("bank.CLOSE_CONTACTOR").getArgs(0).getChoicesList()).containsExactly("MAIN", "DISCHARGE");
  }

  @Test
  void aChannelHasItsUnitAndLimits() {
    ChannelDef channel = built.dictionary().getChannelsList().stream()
        .filter(c -> c.getName().startsWith("bank.") && !Double.isNaN(c.getRedHigh())).findFirst().orElseThrow();

    assertThat(channel.getType()).isIn("F64", "I64");
    assertThat(channel.getUnit()).isNotEmpty();
    assertThat(channel.getRedHigh()).isGreaterThanOrEqualTo(channel.getYellowHigh());
    assertThat(channel.getPersistence()).isPositive();
    assertThat(built.dictionary().getChannelsList()).extracting(ChannelDef::getName)
        .containsExactlyElementsOf(firmware.getBean(LimitMonitor.class).specs().stream().map(ChannelSpec::name).toList());
  }

  @Test
  void anEventHasItsIdSeverityAndDeclaredTypedArguments() {
    EventInfo tripped = built.dictionary().getEventsList().stream()
        .filter(e -> e.getName().equals("BANK_PROTECTION_TRIPPED")).findFirst().orElseThrow();

    assertThat(tripped.getId()).isEqualTo(3002);
    assertThat(tripped.getSubsystem()).isEqualTo("bank");
    assertThat(tripped.getSeverity()).isEqualTo(Severity.SEVERITY_WARNING_HI);
    assertThat(tripped.getArgsList()).extracting(EventArgInfo::getName)
        .containsExactly("protection", "fault", "value", "threshold", "state");
    assertThat(tripped.getArgs(2).getType()).isEqualTo(ArgType.ARG_TYPE_NUMBER);
    EventInfo refused = built.dictionary().getEventsList().stream()
        .filter(e -> e.getName().equals("ARM_REFUSED")).findFirst().orElseThrow();
    assertThat(refused.getArgsList()).extracting(EventArgInfo::getName).contains("interlock_N");
  }

  @Test
  void aParameterSaysItsKindRangeWhoMaySetItAndWhetherItIsProtected() {
    ParameterInfo window = parameter("rail.arm-window-s");
    ParameterInfo efficiency = parameter("rail.efficiency");

    assertThat(window.getProtected()).isTrue();
    assertThat(window.getRolesList()).containsExactly("range-safety");
    assertThat(window.getValue().getType()).isEqualTo(ArgType.ARG_TYPE_NUMBER);
    assertThat(window.getValue().getUnit()).isEqualTo("s");
    assertThat(window.getValue().getMin()).isEqualTo(1);
    assertThat(efficiency.getProtected()).isFalse();
    assertThat(efficiency.getRolesList()).containsExactlyInAnyOrderElementsOf(command("core.SET_PARAM").getRolesList());
  }

  @Test
  void theHashIsTheSha256OfThePublishedBytesAndTheBytesAreTheDictionary() throws Exception {
    byte[] bytes = built.bytes();

    assertThat(Dictionary.parseFrom(bytes)).isEqualTo(built.dictionary());
    assertThat(built.hash()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
    assertThat(built.dictionary().getVersion()).isEqualTo(ControllerDictionary.VERSION);
    assertThat(bytes.length).as("fits well within one MQTT packet of 64 KiB").isLessThan(48 * 1024);
  }

  /**
   * The committed docs/dictionary is what this dictionary renders to; with {@code -Ddictionary.update=true}
   * the files are rewritten instead.
   */
  @Test
  void theCommittedDocsAreWhatTheRunningControllersDictionaryRendersTo() throws IOException {
    Path folder = repositoryRoot().resolve("docs/dictionary");
    Map<String, String> expected = DictionaryDocs.render(built.dictionary());
    if (Boolean.getBoolean("dictionary.update")) {
      Files.createDirectories(folder);
      try (Stream<Path> old = Files.list(folder)) {
        for (Path file : old.toList()) {
          if (!expected.containsKey(file.getFileName().toString())) {
            Files.delete(file);
          }
        }
      }
      for (Map.Entry<String, String> file : expected.entrySet()) {
        Files.writeString(folder.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
      }
    }
    List<String> stale = new ArrayList<>();
    for (Map.Entry<String, String> file : expected.entrySet()) {
      Path path = folder.resolve(file.getKey());
      if (!Files.isRegularFile(path) || !Files.readString(path, StandardCharsets.UTF_8).equals(file.getValue())) {
        stale.add(file.getKey());
      }
    }
    if (Files.isDirectory(folder)) {
      try (Stream<Path> present = Files.list(folder)) {
        present.map(p -> p.getFileName().toString()).filter(n -> !expected.containsKey(n))
            .forEach(n -> stale.add(n + " (no longer generated)"));
      }
    }
    assertThat(stale).as("docs/dictionary is stale; refresh it with:%n  %s%n", DictionaryDocs.REFRESH).isEmpty();
  }

  private static CommandInfo command(String name) {
    return built.dictionary().getCommandsList().stream().filter(c -> c.getName().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no command " + name));
  }

  private static ParameterInfo parameter(String name) {
    return built.dictionary().getParametersList().stream().filter(p -> p.getName().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no parameter " + name));
  }

  private static Path repositoryRoot() {
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve("docs/CONTRIBUTING.md"))) {
        return d;
      }
    }
    throw new IllegalStateException("docs/CONTRIBUTING.md not found above " + Path.of("").toAbsolutePath());
  }
}
