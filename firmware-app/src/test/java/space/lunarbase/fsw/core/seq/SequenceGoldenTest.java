package space.lunarbase.fsw.core.seq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.fsw.Golden;
import space.lunarbase.fsw.core.command.TestKeys;
import space.lunarbase.fsw.core.storage.NewerFormatException;
import space.lunarbase.proto.v1.Sequence;
import space.lunarbase.proto.v1.SignedCommand;

/** A kept sequence as each version wrote it is read by today's firmware; a later version stops the start. */
class SequenceGoldenTest {

  @Test
  void versionOneIsRead(@TempDir Path data) throws Exception {
    Golden.copy("sequences", 1, data.resolve(SequenceStore.FOLDER));
    var kept = new SequenceStore(data).readAll();
    assertThat(kept).singleElement().isInstanceOfSatisfying(SequenceStore.Kept.Intact.class, intact -> {
      assertThat(intact.slot()).isEqualTo(3);
      assertThat(intact.stored().getKeyId()).isEqualTo(TestKeys.OPERATOR.id());
      assertThat(intact.stored().getCounter()).isEqualTo(7);
      try {
        Sequence sequence = Sequence.parseFrom(intact.stored().getSequence());
        assertThat(sequence.getName()).isEqualTo("golden-noop");
        assertThat(sequence.getEntriesCount()).isEqualTo(1);
        assertThat(SignedCommand.parseFrom(intact.stored().getSignedLoad()).getKeyId()).isEqualTo(TestKeys.OPERATOR.id());
      } catch (com.google.protobuf.InvalidProtocolBufferException e) {
        throw new AssertionError(e);
      }
    });
  }

  @Test
  void aLaterVersionStopsTheStart(@TempDir Path data) throws Exception {
    Path file = data.resolve(SequenceStore.FOLDER).resolve("slot-2");
    Files.createDirectories(file.getParent());
    Files.write(file, new byte[] {'L', 'B', 'S', '2', 0, 0, 0, 0});
    assertThatThrownBy(() -> new SequenceStore(data).readAll()).isInstanceOf(NewerFormatException.class)
        .hasMessageContaining("kept sequence format version 2").hasMessageContaining("reads up to version 1");
    assertThat(file).exists();
  }
}
