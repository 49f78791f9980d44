package space.lunarbase.proto;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import space.lunarbase.proto.v1.BankTelemetry;
import space.lunarbase.proto.v1.Header;
import space.lunarbase.proto.v1.Quality;
import space.lunarbase.proto.v1.TelemetryFrame;

class SchemaTest {

  @Test
  void descriptorSetListsDependenciesBeforeTheFilesThatImportThem() {
    var names = Schema.descriptorSet().getFileList().stream().map(FileDescriptorProto::getName).toList();
    assertThat(names).contains("lunarbase/v1/common.proto", "lunarbase/v1/state.proto",
        "lunarbase/v1/bank.proto", "lunarbase/v1/telemetry.proto", "lunarbase/v1/commands.proto");
    assertThat(names.indexOf("lunarbase/v1/common.proto")).isLessThan(names.indexOf("lunarbase/v1/bank.proto"));
    assertThat(names.indexOf("lunarbase/v1/bank.proto")).isLessThan(names.indexOf("lunarbase/v1/telemetry.proto"));
    assertThat(names).doesNotHaveDuplicates();
  }

  @Test
  void aFrameDecodesFromTheDescriptorSetAloneWithoutCompiledClasses() throws Exception {
    TelemetryFrame frame = TelemetryFrame.newBuilder()
        .setHeader(Header.newBuilder().setControllerId("bank-1").setSequence(42).setSchemaVersion(Schema.VERSION))
        .setBank(BankTelemetry.newBuilder().setPackVoltageV(12.5).setQuality(Quality.QUALITY_GOOD))
        .build();

    Map<String, FileDescriptor> built = new HashMap<>();
    for (FileDescriptorProto file : Schema.descriptorSet().getFileList()) {
      FileDescriptor[] deps = file.getDependencyList().stream().map(built::get).toArray(FileDescriptor[]::new);
      built.put(file.getName(), FileDescriptor.buildFrom(file, deps));
    }
    Descriptor type = built.get("lunarbase/v1/telemetry.proto").findMessageTypeByName("TelemetryFrame");
    DynamicMessage decoded = DynamicMessage.parseFrom(type, frame.toByteArray());

    assertThat(decoded.toString()).contains("sequence: 42").contains("pack_voltage_v: 12.5")
        .contains("QUALITY_GOOD");
  }

  @Test
  void hashIsSha256HexOfTheSet() {
    assertThat(Schema.hash()).hasSize(64).matches("[0-9a-f]+");
    assertThat(Schema.summary()).startsWith("v" + Schema.VERSION + " " + Schema.hash().substring(0, 12));
  }
}
