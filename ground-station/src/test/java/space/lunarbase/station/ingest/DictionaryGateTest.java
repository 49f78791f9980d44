package space.lunarbase.station.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import space.lunarbase.proto.v1.CommandInfo;
import space.lunarbase.proto.v1.Dictionary;
import space.lunarbase.station.ingest.DictionaryGate.Decision;
import space.lunarbase.station.ingest.DictionaryGate.Drop;
import space.lunarbase.station.ingest.DictionaryGate.Refuse;
import space.lunarbase.station.ingest.DictionaryGate.Use;

/**
 * Which dictionary the station uses, with real serialized dictionaries: the one the state names,
 * whichever comes first; dropped when a state names another; refused with a reason when it cannot
 * be used; bounded under a flood.
 */
class DictionaryGateTest {

  private static final String KEY = "lunar-south/bank-ctl-9";

  private final DictionaryGate gate = new DictionaryGate();

  private static byte[] dictionary(String summary) {
    return DictionaryIngestTest.dictionary(summary).toByteArray();
  }

  private static String hash(byte[] bytes) {
    return Codec.sha256(bytes);
  }

  private static String used(List<Decision> decisions) {
    return decisions.stream().filter(d -> d instanceof Use).map(d -> ((Use) d).dictionary().hash()).findFirst()
        .orElse("none");
  }

  private static List<String> refused(List<Decision> decisions) {
    return decisions.stream().filter(d -> d instanceof Refuse).map(d -> ((Refuse) d).reason()).toList();
  }

  @Test
  void aDictionaryIsUsedOnceItsStateNamesItWhicheverArrivesFirst() {
    byte[] bytes = dictionary("charges the bank");
    assertThat(gate.dictionary(KEY, bytes)).isEmpty(); // published just before the birth: held
    assertThat(gate.held()).isEqualTo(1);
    assertThat(used(gate.state(KEY, hash(bytes)))).isEqualTo(hash(bytes));
    assertThat(gate.held()).isZero();

    String other = "lunar-south/bank-ctl-8";
    assertThat(gate.state(other, hash(bytes))).isEmpty();
    assertThat(used(gate.dictionary(other, bytes))).isEqualTo(hash(bytes));
    assertThat(gate.dictionary(other, bytes)).isEmpty(); // the one in use again
    assertThat(gate.state(other, hash(bytes))).isEmpty();
  }

  @Test
  void controllersWithTheSameDictionaryShareOneParsedCopy() {
    byte[] bytes = dictionary("charges the bank");
    gate.state(KEY, hash(bytes));
    gate.state("lunar-south/bank-ctl-8", hash(bytes));
    Use first = (Use) gate.dictionary(KEY, bytes).getFirst();
    Use second = (Use) gate.dictionary("lunar-south/bank-ctl-8", bytes.clone()).getFirst();
    assertThat(second.dictionary()).isSameAs(first.dictionary());
  }

  @Test
  void aStateNamingAnotherDictionaryOrNoneDropsTheOneInUse() {
    byte[] first = dictionary("charges the bank");
    byte[] second = dictionary("charges the bank, faster");
    gate.state(KEY, hash(first));
    gate.dictionary(KEY, first);

    assertThat(gate.state(KEY, hash(second))).containsExactly(new Drop(KEY)); // its dictionary not here yet
    assertThat(used(gate.dictionary(KEY, second))).isEqualTo(hash(second));
    assertThat(gate.state(KEY, "")).containsExactly(new Drop(KEY)); // an older firmware that publishes none
  }

  @Test
  void aDictionaryItsStateDoesNotNameIsRefusedAtTheNextStateAndNotUsed() {
    byte[] named = dictionary("charges the bank");
    byte[] forged = dictionary("charges the bank (forged)");
    gate.state(KEY, hash(named));
    assertThat(gate.dictionary(KEY, forged)).isEmpty();
    List<Decision> decisions = gate.state(KEY, hash(named)); // the death names the same
    assertThat(used(decisions)).isEqualTo("none");
    assertThat(refused(decisions)).containsExactly("dictionary " + hash(forged).substring(0, 12)
        + " not used: its SHA-256 is not the dictionary_hash its state names (" + hash(named).substring(0, 12) + ")");
    assertThat(gate.held()).isZero();
  }

  @Test
  void garbageOversizeNoVersionAndANewerVersionAreRefusedAtOnce() {
    byte[] newer = DictionaryIngestTest.dictionary("charges the bank").toBuilder().setVersion(2).build().toByteArray();
    gate.state(KEY, hash(newer));
    List<String> reasons = new ArrayList<>();
    reasons.addAll(refused(gate.dictionary(KEY, newer)));
    reasons.addAll(refused(gate.dictionary(KEY, "not protobuf at all \u0000\u00ff"
        .getBytes(StandardCharsets.ISO_8859_1))));
    reasons.addAll(refused(gate.dictionary(KEY, new byte[DictionaryGate.MAX_BYTES + 1])));
    reasons.addAll(refused(gate.dictionary(KEY, Dictionary.newBuilder()
        .addCommands(CommandInfo.newBuilder().setName("bank.X")).build().toByteArray())));

    assertThat(reasons).hasSize(4);
    assertThat(reasons.get(0)).isEqualTo("dictionary version 2 is newer than this station reads (1)");
    assertThat(reasons.get(1)).startsWith("dictionary does not parse: ");
    assertThat(reasons.get(2)).isEqualTo("dictionary oversize: " + (DictionaryGate.MAX_BYTES + 1)
        + " bytes, at most " + DictionaryGate.MAX_BYTES);
    assertThat(reasons.get(3)).isEqualTo("not a dictionary: it has no version");
    assertThat(gate.held()).isZero();
  }

  @Test
  void aFloodOfDictionariesWithoutAStateIsHeldWithinItsBoundAndTheRestRefused() {
    List<String> reasons = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      reasons.addAll(refused(gate.dictionary("lunar-south/flood-" + i, dictionary("flood " + i))));
    }
    for (int i = 0; i < 10; i++) { // one controller, ever another dictionary
      reasons.addAll(refused(gate.dictionary(KEY, dictionary("again " + i))));
    }
    assertThat(gate.held()).isEqualTo(DictionaryGate.MAX_HELD);
    assertThat(reasons).filteredOn(r -> r.endsWith("no state named it while 64 other dictionaries waited"))
        .hasSize(200 + 1 - DictionaryGate.MAX_HELD);
    assertThat(reasons).filteredOn(r -> r.endsWith("replaced by another dictionary before a state named it"))
        .hasSize(9);
  }
}
