package space.lunarbase.station.ingest;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import space.lunarbase.station.archive.Archive;
import space.lunarbase.station.site.Limits;
import space.lunarbase.station.site.Series;
import space.lunarbase.station.site.SiteModel;
import space.lunarbase.station.site.SiteModel.CatalogueEntry;

/**
 * What a restarted station reads back from its archive before it takes new messages: each
 * controller's last state, catalogue and dictionary, the series archived, and the sequence numbers of the last
 * day's streams, so that duplicates are still recognised and holes still known.
 */
final class Restore {

  private static final Logger LOG = LoggerFactory.getLogger(Restore.class);

  private final Archive archive;
  private final SiteModel site;

  Restore(Archive archive, SiteModel site) {
    this.archive = archive;
    this.site = site;
  }

  void into(StreamTracker tracker, DictionaryGate dictionaries) {
    archive.query("SELECT controller, status, boot, firmware, hal_mode, schema_hash, reason, ts FROM states"
        + " LATEST ON ts PARTITION BY controller", row -> {
          site.state(row.text(0), row.text(1), row.text(6), row.getLong(2), row.text(3), row.text(4), row.text(5),
              "", row.getTimestamp(7));
          return true;
        });
    archive.query("SELECT controller, catalogue_id, body FROM catalogues ORDER BY ts", row -> {
      site.catalogue(row.text(0), row.getLong(1), CatalogueJson.parse(row.text(2)));
      return true;
    });
    archive.query("SELECT controller, hash, body FROM dictionaries LATEST ON ts PARTITION BY controller", row -> {
      dictionary(row.text(0), row.text(1), row.text(2), dictionaries);
      return true;
    });
    archive.query("SELECT DISTINCT controller, channel FROM samples_1s", row -> {
      String name = row.text(1);
      if (site.find(row.text(0), name).isEmpty()) {
        site.series(row.text(0), name, Series.Kind.FIELD);
      }
      return true;
    });
    String[] current = {null};
    List<Long> sequences = new ArrayList<>();
    long[] restored = {0};
    archive.query("SELECT controller, topic, boot, sequence FROM messages WHERE received > dateadd('d', -1, now())"
        + " AND sequence > 0 ORDER BY controller, topic, boot, sequence", row -> {
          String key = row.text(0) + "\u0000" + row.text(1) + "\u0000" + row.getLong(2);
          if (!key.equals(current[0])) {
            flush(tracker, current[0], sequences);
            current[0] = key;
          }
          sequences.add(row.getLong(3));
          restored[0]++;
          return true;
        });
    flush(tracker, current[0], sequences);
    LOG.info("restored {} controllers and {} recent sequence numbers from the archive", site.controllers().size(),
        restored[0]);
  }

  private void dictionary(String controller, String hash, String base64, DictionaryGate dictionaries) {
    try {
      byte[] bytes = Base64.getDecoder().decode(base64);
      if (!Codec.sha256(bytes).equals(hash)) {
        LOG.warn("the archived dictionary of {} is not the one it was archived as: not used", controller);
        return;
      }
      site.dictionary(controller, dictionaries.restore(controller, hash, bytes));
    } catch (IllegalArgumentException | InvalidProtocolBufferException e) {
      LOG.warn("the archived dictionary of {} cannot be read: {}", controller, e.getMessage());
    }
  }

  private static void flush(StreamTracker tracker, String key, List<Long> sequences) {
    if (key != null && !sequences.isEmpty()) {
      String[] parts = key.split("\u0000");
      tracker.restore(parts[0], parts[1], Long.parseLong(parts[2]),
          sequences.stream().mapToLong(Long::longValue).toArray());
    }
    sequences.clear();
  }

  /** The catalogue JSON the ingest writes, read back. */
  static final class CatalogueJson {
    private CatalogueJson() {}

    static List<CatalogueEntry> parse(String json) {
      List<CatalogueEntry> entries = new ArrayList<>();
      for (String object : json.split("\\},\\{")) {
        String name = text(object, "name");
        if (name.isEmpty()) {
          continue;
        }
        entries.add(new CatalogueEntry(name, text(object, "unit"), new Limits(number(object, "yellowLow"),
            number(object, "yellowHigh"), number(object, "redLow"), number(object, "redHigh"))));
      }
      return entries;
    }

    private static String text(String object, String key) {
      int at = object.indexOf("\"" + key + "\":\"");
      if (at < 0) {
        return "";
      }
      int start = at + key.length() + 4;
      StringBuilder out = new StringBuilder();
      for (int i = start; i < object.length(); i++) {
        char c = object.charAt(i);
        if (c == '\\' && i + 1 < object.length()) {
          out.append(object.charAt(++i));
        } else if (c == '"') {
          break;
        } else {
          out.append(c);
        }
      }
      return out.toString();
    }

    private static double number(String object, String key) {
      int at = object.indexOf("\"" + key + "\":");
      if (at < 0) {
        return Double.NaN;
      }
      int start = at + key.length() + 3;
      int end = start;
      while (end < object.length() && "-+.0123456789eE".indexOf(object.charAt(end)) >= 0) {
        end++;
      }
      return end == start ? Double.NaN : Double.parseDouble(object.substring(start, end));
    }
  }
}
