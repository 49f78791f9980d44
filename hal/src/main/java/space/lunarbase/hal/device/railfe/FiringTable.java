package space.lunarbase.hal.device.railfe;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;

/** The per-coil triggers of one shot (spec &sect;6): 1..16 entries, each coil at most once. */
public record FiringTable(List<FiringEntry> entries) {

  public static final int MAX_ENTRIES = 16;

  public FiringTable {
    entries = List.copyOf(entries);
    if (entries.isEmpty() || entries.size() > MAX_ENTRIES) {
      throw new IllegalArgumentException("a firing table has 1..16 entries, had " + entries.size());
    }
    Set<Integer> coils = new HashSet<>();
    for (FiringEntry e : entries) {
      if (!coils.add(e.coil())) {
        throw new IllegalArgumentException("coil " + e.coil() + " appears twice in the firing table");
      }
    }
  }

  /** All entries' wire bytes in index order. */
  public byte[] encode() {
    byte[] all = new byte[entries.size() * FiringEntry.SIZE];
    for (int i = 0; i < entries.size(); i++) {
      System.arraycopy(entries.get(i).encode(), 0, all, i * FiringEntry.SIZE, FiringEntry.SIZE);
    }
    return all;
  }

  /** CRC-32 (IEEE, as java.util.zip.CRC32) over {@link #encode()}: the TABLE_COMMIT checksum. */
  public long crc32() {
    CRC32 crc = new CRC32();
    crc.update(encode());
    return crc.getValue();
  }
}
