package space.lunarbase.station.ingest;

import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import space.lunarbase.proto.v1.EventInfo;
import space.lunarbase.proto.v1.SampleBatch;
import space.lunarbase.proto.v1.TelemetryFrame;
import space.lunarbase.station.archive.ArchiveWriter;
import space.lunarbase.station.site.Limits;
import space.lunarbase.station.site.Series;
import space.lunarbase.station.site.SiteModel;
import space.lunarbase.station.site.SiteModel.CatalogueEntry;

/**
 * Turns each message of the site into archive rows, on one thread: learns each controller's schema,
 * channel catalogue and dictionary (the one its state names, {@link DictionaryGate}), drops duplicates and records gaps ({@link StreamTracker}), and writes
 * samples (channels by catalogue name, frame fields flattened, batched samples at their own times),
 * events, acks, commands and states with their headers. Anything it cannot use (garbage, a schema
 * that does not parse, a dictionary not used, a topic outside the tree) becomes a {@code rejects} row with the reason;
 * nothing a message holds can stop it.
 */
public final class Ingestor {

  private static final String FRAME = "lunarbase.v1.TelemetryFrame";
  private static final String STATE = "lunarbase.v1.ControllerState";
  private static final String EVENT = "lunarbase.v1.Event";
  private static final String ACK = "lunarbase.v1.CommandAck";
  private static final String SIGNED = "lunarbase.v1.SignedCommand";
  private static final String BODY = "lunarbase.v1.CommandBody";
  private static final int MAX_PENDING_CHANNEL_FRAMES = 600;

  private final String root;
  private final SiteModel site;
  private final ArchiveWriter writer;
  private final StreamTracker tracker = new StreamTracker();
  private final Map<String, Codec> codecs = new HashMap<>();
  private final Map<String, Codec> byHash = new HashMap<>();
  private final Map<String, List<PendingChannels>> pendingChannels = new HashMap<>();
  private final List<String> rebirths = new ArrayList<>();
  private final Counters counters = new Counters();
  private final DictionaryGate dictionaries = new DictionaryGate();

  /** Counts of what ingest did, for /api/status and tests. */
  public static final class Counters {
    public long messages;
    public long duplicates;
    public long gaps;
    public long filled;
    public long rejected;
    public long samples;
    public long dictionaries;
  }

  private record PendingChannels(long catalogueId, long tsMicros, List<Float> values) {}

  public Ingestor(String root, SiteModel site, ArchiveWriter writer) {
    this.root = root;
    this.site = site;
    this.writer = writer;
    byHash.put(Codec.BUILTIN.hash(), Codec.BUILTIN);
  }

  public StreamTracker tracker() {
    return tracker;
  }

  public Counters counters() {
    return counters;
  }

  DictionaryGate dictionaries() {
    return dictionaries;
  }

  /** Controllers to ask for a rebirth (their catalogue is not known), collected since the last call. */
  public List<String> takeRebirths() {
    List<String> taken = List.copyOf(rebirths);
    rebirths.clear();
    return taken;
  }

  /** Archives one message; live points and records go into {@code live}. Never throws for bad input. */
  public void accept(Inbound in, LiveBatch live) {
    counters.messages++;
    Optional<TopicName> parsed = TopicName.parse(root, in.topic());
    if (parsed.isEmpty()) {
      reject(in, "not a topic of the site's tree (" + root + "/{site}/{controller}/{stream})");
      return;
    }
    TopicName topic = parsed.get();
    try {
      switch (topic.stream()) {
        case "schema" -> schema(topic, in);
        case "dictionary" -> decide(dictionaries.dictionary(topic.controller(), in.payload()), in.receivedMicros());
        case "state" -> state(topic, in, live);
        case "evt" -> event(topic, in, live);
        case "ack" -> ack(topic, in, live);
        case "cmd" -> command(topic, in, live);
        case "rebirth" -> { }
        default -> frame(topic, in, live);
      }
    } catch (InvalidProtocolBufferException e) {
      reject(in, "undecodable: " + e.getMessage());
    } catch (RuntimeException e) {
      reject(in, "cannot archive: " + e);
    }
  }

  private void reject(Inbound in, String reason) {
    counters.rejected++;
    writer.reject(in.receivedMicros(), in.topic(), in.payload().length, reason);
  }

  private void decide(List<DictionaryGate.Decision> decisions, long receivedMicros) {
    for (DictionaryGate.Decision decision : decisions) {
      switch (decision) {
        case DictionaryGate.Use use -> {
          site.dictionary(use.controller(), use.dictionary());
          writer.dictionary(receivedMicros, use.controller(), use.dictionary().hash(), use.bytes());
          counters.dictionaries++;
        }
        case DictionaryGate.Drop drop -> site.dictionary(drop.controller(), null);
        case DictionaryGate.Refuse refuse -> {
          counters.rejected++;
          writer.reject(receivedMicros, root + "/" + refuse.controller() + "/dictionary", refuse.bytes(),
              refuse.reason());
        }
      }
    }
  }

  private Codec codec(String controller) {
    return codecs.getOrDefault(controller, Codec.BUILTIN);
  }

  private void schema(TopicName topic, Inbound in) {
    String hash = Codec.sha256(in.payload());
    Codec codec = byHash.get(hash);
    if (codec == null) {
      try {
        codec = Codec.fromDescriptorSet(in.payload());
      } catch (IllegalArgumentException e) {
        reject(in, "schema does not parse: " + e.getMessage() + " (the controller's messages are decoded with "
            + codec(topic.controller()).shortHash() + ")");
        return;
      }
      byHash.put(hash, codec);
    }
    codecs.put(topic.controller(), codec);
  }

  private record Header(long boot, long sequence, long tsMicros, boolean historical, boolean present) {}

  private static Header header(Message message, Inbound in) {
    FieldDescriptor field = message.getDescriptorForType().findFieldByName("header");
    if (field == null || !message.hasField(field)) {
      return new Header(0, 0, in.receivedMicros(), false, false);
    }
    Message h = (Message) message.getField(field);
    long ns = longField(h, "sample_time_ns");
    return new Header(longField(h, "boot_count"), longField(h, "sequence"),
        ns == 0 ? in.receivedMicros() : Math.floorDiv(ns, 1000L), boolField(h, "historical"), true);
  }

  /**
   * Records the header and judges the message's sequence; returns false for a duplicate (not to be
   * archived again).
   */
  private boolean sequenced(TopicName topic, Inbound in, Header header) {
    String controller = topic.controller();
    if (header.present()) {
      StreamTracker.Result result = tracker.accept(controller, topic.stream(), header.boot(), header.sequence());
      if (result.verdict() == StreamTracker.Verdict.DUPLICATE) {
        counters.duplicates++;
        return false;
      }
      if (result.opened() != null) {
        counters.gaps++;
        writer.gap(in.receivedMicros(), controller, topic.stream(), header.boot(), result.opened().first(),
            result.opened().last(), false);
      }
      if (result.verdict() == StreamTracker.Verdict.FILLS_GAP) {
        counters.filled++;
        writer.gap(in.receivedMicros(), controller, topic.stream(), header.boot(), header.sequence(),
            header.sequence(), true);
      }
    }
    writer.message(header.tsMicros(), in.receivedMicros(), controller, topic.stream(), header.boot(),
        header.sequence(), header.historical(), in.payload().length);
    if (!in.retained() && !header.historical()) {
      site.seen(controller, in.receivedMicros());
    }
    return true;
  }

  private void state(TopicName topic, Inbound in, LiveBatch live) throws InvalidProtocolBufferException {
    Message state = codec(topic.controller()).parse(STATE, in.payload());
    Header header = header(state, in);
    String controller = topic.controller();
    String status = enumName(state, "status", "STATUS_");
    long boot = longField(state, "boot_count");
    if (boot == 0) {
      boot = header.boot();
    }
    writer.message(header.tsMicros(), in.receivedMicros(), controller, topic.stream(), header.boot(),
        header.sequence(), header.historical(), in.payload().length);
    writer.state(header.tsMicros(), controller, status, boot, stringField(state, "firmware_version"),
        stringField(state, "schema_hash"), stringField(state, "hal_mode"), stringField(state, "reason"), in.retained());
    String dictionaryHash = stringField(state, "dictionary_hash");
    if (site.state(controller, status, stringField(state, "reason"), boot, stringField(state, "firmware_version"),
        stringField(state, "hal_mode"), stringField(state, "schema_hash"), dictionaryHash, header.tsMicros())) {
      decide(dictionaries.state(controller, dictionaryHash), in.receivedMicros());
    }
    String schemaHash = stringField(state, "schema_hash");
    Codec known = byHash.get(schemaHash);
    if (known != null) {
      codecs.put(controller, known);
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("utc", header.tsMicros() / 1000);
    fields.put("controller", controller);
    fields.put("kind", "STATE");
    fields.put("event", status);
    fields.put("severity", status.equals("ONLINE") ? "ACTIVITY_HI" : "WARNING_HI");
    fields.put("subsystem", "link");
    fields.put("text", status + " boot " + boot + (stringField(state, "reason").isEmpty() ? ""
        : " (" + stringField(state, "reason") + ")"));
    fields.put("historical", in.retained());
    live.record("events", fields);
    if (status.equals("ONLINE") && !site.hasCatalogue(controller)) {
      rebirths.add(controller);
    }
  }

  private void event(TopicName topic, Inbound in, LiveBatch live) throws InvalidProtocolBufferException {
    Message event = codec(topic.controller()).parse(EVENT, in.payload());
    Header header = header(event, in);
    if (!sequenced(topic, in, header)) {
      return;
    }
    String severity = enumName(event, "severity", "SEVERITY_");
    String name = stringField(event, "name");
    String subsystem = stringField(event, "subsystem");
    int id = (int) longField(event, "id");
    Optional<EventInfo> declared = site.dictionary(topic.controller()).flatMap(d -> d.event(id));
    if (declared.isPresent()) { // what the dictionary declares for the id, where the event leaves it out
      name = name.isEmpty() ? declared.get().getName() : name;
      subsystem = subsystem.isEmpty() ? declared.get().getSubsystem() : subsystem;
      severity = severity.isEmpty() || severity.equals("UNSPECIFIED")
          ? strip(declared.get().getSeverity().name(), "SEVERITY_") : severity;
    }
    String args = json(mapField(event, "args"));
    writer.event(header.tsMicros(), topic.controller(), header.boot(), header.sequence(), header.historical(),
        severity, id, name, subsystem, stringField(event, "text"), args, (int) longField(event, "suppressed"));
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("utc", header.tsMicros() / 1000);
    fields.put("controller", topic.controller());
    fields.put("kind", "EVENT");
    fields.put("severity", severity);
    fields.put("id", id);
    fields.put("event", name);
    fields.put("subsystem", subsystem);
    fields.put("text", stringField(event, "text"));
    fields.put("historical", header.historical());
    live.record("events", fields);
  }

  private void ack(TopicName topic, Inbound in, LiveBatch live) throws InvalidProtocolBufferException {
    Message ack = codec(topic.controller()).parse(ACK, in.payload());
    Header header = header(ack, in);
    if (!sequenced(topic, in, header)) {
      return;
    }
    String status = enumName(ack, "status", "STATUS_");
    String reason = enumName(ack, "reason", "REASON_");
    Message sequence = messageField(ack, "sequence");
    writer.ack(header.tsMicros(), topic.controller(), header.boot(), header.sequence(), header.historical(),
        longField(ack, "request_id"), stringField(ack, "key_id"), longField(ack, "counter"),
        stringField(ack, "command"), status, reason, stringField(ack, "text"),
        sequence == null ? 0 : (int) longField(sequence, "slot"), sequence == null ? 0 : (int) longField(sequence, "entry"));
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("utc", header.tsMicros() / 1000);
    fields.put("controller", topic.controller());
    fields.put("kind", "ACK");
    fields.put("command", stringField(ack, "command"));
    fields.put("status", status);
    fields.put("reason", reason);
    fields.put("key", stringField(ack, "key_id"));
    fields.put("counter", longField(ack, "counter"));
    fields.put("text", stringField(ack, "text"));
    fields.put("historical", header.historical());
    live.record("commands", fields);
  }

  private void command(TopicName topic, Inbound in, LiveBatch live) throws InvalidProtocolBufferException {
    Codec codec = codec(topic.controller());
    Message signed = codec.parse(SIGNED, in.payload());
    String keyId = stringField(signed, "key_id");
    Object bodyBytes = signed.getField(signed.getDescriptorForType().findFieldByName("body"));
    String command = "";
    long counter = 0;
    long requestId = 0;
    long expires = 0;
    String args = "{}";
    boolean readable = true;
    try {
      Message body = codec.parse(BODY, ((com.google.protobuf.ByteString) bodyBytes).toByteArray());
      command = stringField(body, "command");
      counter = longField(body, "counter");
      requestId = longField(body, "request_id");
      expires = Math.floorDiv(longField(body, "expires_ns"), 1000L);
      args = json(mapField(body, "args"));
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      readable = false;
    }
    writer.command(in.receivedMicros(), topic.controller(), keyId, counter, command, requestId, args, expires, readable);
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("utc", in.receivedMicros() / 1000);
    fields.put("controller", topic.controller());
    fields.put("kind", "CMD");
    fields.put("command", readable ? command : "(unreadable body)");
    fields.put("status", "SENT");
    fields.put("reason", "");
    fields.put("key", keyId);
    fields.put("counter", counter);
    fields.put("text", args);
    fields.put("historical", false);
    live.record("commands", fields);
  }

  private void frame(TopicName topic, Inbound in, LiveBatch live) throws InvalidProtocolBufferException {
    String controller = topic.controller();
    Message frame = codec(controller).parse(FRAME, in.payload());
    Header header = header(frame, in);
    if (!sequenced(topic, in, header)) {
      return;
    }
    boolean current = !header.historical() && !in.retained();
    FieldDescriptor payloadField = null;
    for (Map.Entry<FieldDescriptor, Object> entry : frame.getAllFields().entrySet()) {
      FieldDescriptor field = entry.getKey();
      if (field.getContainingOneof() != null && field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
        payloadField = field;
      }
    }
    if (payloadField != null) {
      Message payload = (Message) frame.getField(payloadField);
      String subsystem = payloadField.getName();
      if (subsystem.equals("channels")) {
        channels(controller, header, payload, current, live);
      } else {
        flatten(controller, header.tsMicros(), subsystem + ".", payload, live);
        if (current) {
          overview(controller, subsystem, payload);
        }
      }
    }
    batches(controller, topic.subsystem(), header.tsMicros(), frame, live);
  }

  private void overview(String controller, String subsystem, Message payload) {
    FieldDescriptor mode = payload.getDescriptorForType().findFieldByName("mode");
    if (mode != null && mode.getJavaType() == FieldDescriptor.JavaType.ENUM) {
      site.mode(controller, subsystem, strip(((EnumValueDescriptor) payload.getField(mode)).getName(), "MODE_"));
    }
    if (subsystem.equals("link")) {
      site.linkStatus(controller, enumName(payload, "status", "STATUS_"));
    }
  }

  private void sample(String controller, String name, Series.Kind kind, long tsMicros, double value, LiveBatch live) {
    if (!Double.isFinite(value)) {
      return;
    }
    writer.sample(tsMicros, controller, name, value);
    counters.samples++;
    site.series(controller, name, kind);
    String key = controller + "/" + name;
    if (live.wants(key)) {
      live.point(key, tsMicros, value);
    }
  }

  private void batches(String controller, String subsystem, long frameMicros, Message frame, LiveBatch live) {
    String prefix = subsystem.isEmpty() ? "" : subsystem + ".";
    if (frame instanceof TelemetryFrame compiled) {
      for (SampleBatch batch : compiled.getBatchesList()) {
        String name = prefix + batch.getChannel();
        String key = controller + "/" + name;
        boolean wanted = live.wants(key);
        int n = Math.min(batch.getValueCount(), batch.getTimeOffsetNsCount());
        boolean allGood = batch.getQualityCount() == 0;
        site.series(controller, name, Series.Kind.BATCH);
        for (int i = 0; i < n; i++) {
          if (!allGood && i < batch.getQualityCount() && batch.getQualityValue(i) != 1) {
            continue;
          }
          double value = batch.getValue(i);
          if (!Double.isFinite(value)) {
            continue;
          }
          long ts = frameMicros + Math.floorDiv(batch.getTimeOffsetNs(i), 1000L);
          writer.sample(ts, controller, name, value);
          if (wanted) {
            live.point(key, ts, value);
          }
        }
        counters.samples += n;
      }
      return;
    }
    FieldDescriptor batchesField = frame.getDescriptorForType().findFieldByName("batches");
    if (batchesField == null || !batchesField.isRepeated()) {
      return;
    }
    for (int b = 0; b < frame.getRepeatedFieldCount(batchesField); b++) {
      Message batch = (Message) frame.getRepeatedField(batchesField, b);
      String name = prefix + stringField(batch, "channel");
      List<?> offsets = listField(batch, "time_offset_ns");
      List<?> values = listField(batch, "value");
      List<?> qualities = listField(batch, "quality");
      int n = Math.min(offsets.size(), values.size());
      for (int i = 0; i < n; i++) {
        if (i < qualities.size() && qualities.get(i) instanceof EnumValueDescriptor q && q.getNumber() != 1) {
          continue;
        }
        long ts = frameMicros + Math.floorDiv(((Number) offsets.get(i)).longValue(), 1000L);
        sample(controller, name, Series.Kind.BATCH, ts, ((Number) values.get(i)).doubleValue(), live);
      }
    }
  }

  private void channels(String controller, Header header, Message channels, boolean current, LiveBatch live) {
    long catalogueId = longField(channels, "catalogue_id") & 0xffff_ffffL;
    Message catalogue = messageField(channels, "catalogue");
    if (catalogue != null) {
      List<CatalogueEntry> entries = new ArrayList<>();
      StringBuilder json = new StringBuilder("[");
      for (Object item : listField(catalogue, "channels")) {
        Message info = (Message) item;
        Limits limits = new Limits(doubleField(info, "yellow_low"), doubleField(info, "yellow_high"),
            doubleField(info, "red_low"), doubleField(info, "red_high"));
        entries.add(new CatalogueEntry(stringField(info, "name"), stringField(info, "unit"), limits));
        if (json.length() > 1) {
          json.append(',');
        }
        json.append("{\"name\":").append(quote(stringField(info, "name"))).append(",\"unit\":")
            .append(quote(stringField(info, "unit"))).append(",\"yellowLow\":").append(number(limits.yellowLow()))
            .append(",\"yellowHigh\":").append(number(limits.yellowHigh())).append(",\"redLow\":")
            .append(number(limits.redLow())).append(",\"redHigh\":").append(number(limits.redHigh()))
            .append(",\"persistence\":").append(longField(info, "persistence")).append('}');
      }
      json.append(']');
      boolean known = site.catalogue(controller, catalogueId).isPresent();
      site.catalogue(controller, catalogueId, entries);
      if (!known) {
        writer.catalogue(header.tsMicros(), controller, catalogueId, json.toString());
      }
      List<PendingChannels> pending = pendingChannels.remove(controller);
      if (pending != null) {
        for (PendingChannels p : pending) {
          if (p.catalogueId() == catalogueId) {
            channelValues(controller, entries, p.tsMicros(), p.values(), live);
          }
        }
      }
    }
    @SuppressWarnings("unchecked")
    List<Float> values = (List<Float>) listField(channels, "value");
    List<?> qualities = listField(channels, "quality");
    List<?> levels = listField(channels, "level");
    Optional<List<CatalogueEntry>> entries = site.catalogue(controller, catalogueId);
    if (entries.isEmpty()) {
      List<PendingChannels> pending = pendingChannels.computeIfAbsent(controller, k -> new ArrayList<>());
      if (pending.size() < MAX_PENDING_CHANNEL_FRAMES) {
        List<Float> good = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
          good.add(i < qualities.size() && qualities.get(i) instanceof EnumValueDescriptor q && q.getNumber() != 1
              ? Float.NaN : values.get(i));
        }
        pending.add(new PendingChannels(catalogueId, header.tsMicros(), good));
      }
      if (!rebirths.contains(controller)) {
        rebirths.add(controller);
      }
      return;
    }
    List<Float> good = new ArrayList<>(values.size());
    for (int i = 0; i < values.size(); i++) {
      good.add(i < qualities.size() && qualities.get(i) instanceof EnumValueDescriptor q && q.getNumber() != 1
          ? Float.NaN : values.get(i));
    }
    channelValues(controller, entries.get(), header.tsMicros(), good, live);
    if (current) {
      String worst = "IN_LIMITS";
      int worstRank = 0;
      List<String> worstChannels = new ArrayList<>();
      for (int i = 0; i < levels.size() && i < entries.get().size(); i++) {
        String level = levels.get(i) instanceof EnumValueDescriptor e ? strip(e.getName(), "LIMIT_LEVEL_") : "IN_LIMITS";
        int rank = level.startsWith("RED") ? 2 : level.startsWith("YELLOW") ? 1 : 0;
        if (rank > worstRank) {
          worstRank = rank;
          worst = level;
          worstChannels.clear();
        }
        if (rank == worstRank && rank > 0) {
          worstChannels.add(entries.get().get(i).name());
        }
      }
      site.limits(controller, worst, worstChannels);
    }
  }

  private void channelValues(String controller, List<CatalogueEntry> entries, long tsMicros, List<Float> values,
      LiveBatch live) {
    for (int i = 0; i < values.size() && i < entries.size(); i++) {
      sample(controller, entries.get(i).name(), Series.Kind.CHANNEL, tsMicros, values.get(i), live);
    }
  }

  /** Every numeric, boolean and enum field of {@code message} as a sample named {@code prefix + path}. */
  private void flatten(String controller, long tsMicros, String prefix, Message message, LiveBatch live) {
    for (FieldDescriptor field : message.getDescriptorForType().getFields()) {
      if (field.isMapField() || field.getName().equals("header")) {
        continue;
      }
      String name = prefix + field.getName();
      if (field.isRepeated()) {
        int count = message.getRepeatedFieldCount(field);
        for (int i = 0; i < count; i++) {
          Object element = message.getRepeatedField(field, i);
          if (element instanceof Message nested) {
            flatten(controller, tsMicros, name + "." + elementKey(nested, i) + ".", nested, live);
          } else {
            double value = numeric(element);
            if (!Double.isNaN(value)) {
              sample(controller, name + "." + i, Series.Kind.FIELD, tsMicros, value, live);
            }
          }
        }
        continue;
      }
      if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
        if (message.hasField(field)) {
          flatten(controller, tsMicros, name + ".", (Message) message.getField(field), live);
        }
        continue;
      }
      if (field.getContainingOneof() != null && !message.hasField(field)) {
        continue;
      }
      double value = numeric(message.getField(field));
      if (!Double.isNaN(value)) {
        sample(controller, name, Series.Kind.FIELD, tsMicros, value, live);
      }
    }
  }

  private static String elementKey(Message element, int position) {
    FieldDescriptor index = element.getDescriptorForType().findFieldByName("index");
    if (index != null && !index.isRepeated() && index.getJavaType() == FieldDescriptor.JavaType.INT) {
      return String.valueOf(element.getField(index));
    }
    for (String candidate : List.of("location", "id", "name", "channel", "axis")) {
      FieldDescriptor field = element.getDescriptorForType().findFieldByName(candidate);
      if (field != null && !field.isRepeated()) {
        Object value = element.getField(field);
        String text = value instanceof EnumValueDescriptor e ? e.getName() : String.valueOf(value);
        if (!text.isEmpty() && text.length() <= 40) {
          return text.replaceAll("[^A-Za-z0-9_-]", "_");
        }
      }
    }
    return String.valueOf(position);
  }

  private static double numeric(Object value) {
    return switch (value) {
      case Double d -> d;
      case Float f -> f;
      case Integer i -> i;
      case Long l -> l;
      case Boolean b -> b ? 1 : 0;
      case EnumValueDescriptor e -> e.getNumber();
      default -> Double.NaN;
    };
  }

  // Reading fields by name: works for compiled and dynamic messages alike.

  static long longField(Message message, String name) {
    FieldDescriptor field = message.getDescriptorForType().findFieldByName(name);
    if (field == null || field.isRepeated()) {
      return 0;
    }
    Object value = message.getField(field);
    return value instanceof Number n ? n.longValue() : value instanceof EnumValueDescriptor e ? e.getNumber() : 0;
  }

  static double doubleField(Message message, String name) {
    FieldDescriptor field = message.getDescriptorForType().findFieldByName(name);
    if (field == null || field.isRepeated()) {
      return Double.NaN;
    }
    return message.getField(field) instanceof Number n ? n.doubleValue() : Double.NaN;
  }

  static boolean boolField(Message message, String name) {
    FieldDescriptor field = message.getDescriptorForType().findFieldByName(name);
    return field != null && !field.isRepeated() && Boolean.TRUE.equals(message.getField(field));
  }

  static String stringField(Message message, String name) {
    FieldDescriptor field = message.getDescriptorForType().findFieldByName(name);
    if (field == null || field.isRepeated()) {
      return "";
    }
    Object value = message.getField(field);
    return value instanceof String s ? s : "";
  }

  static String enumName(Message message, String name, String prefix) {
    FieldDescriptor field = message.getDescriptorForType().findFieldByName(name);
    if (field == null || field.isRepeated() || field.getJavaType() != FieldDescriptor.JavaType.ENUM) {
      return "";
    }
    return strip(((EnumValueDescriptor) message.getField(field)).getName(), prefix);
  }

  static Message messageField(Message message, String name) {
    FieldDescriptor field = message.getDescriptorForType().findFieldByName(name);
    if (field == null || field.isRepeated() || field.getJavaType() != FieldDescriptor.JavaType.MESSAGE
        || !message.hasField(field)) {
      return null;
    }
    return (Message) message.getField(field);
  }

  static List<?> listField(Message message, String name) {
    FieldDescriptor field = message.getDescriptorForType().findFieldByName(name);
    if (field == null || !field.isRepeated()) {
      return List.of();
    }
    return (List<?>) message.getField(field);
  }

  private static Map<String, String> mapField(Message message, String name) {
    Map<String, String> map = new LinkedHashMap<>();
    FieldDescriptor field = message.getDescriptorForType().findFieldByName(name);
    if (field == null || !field.isMapField()) {
      return map;
    }
    for (Object item : (List<?>) message.getField(field)) {
      Message entry = (Message) item;
      Object key = entry.getField(entry.getDescriptorForType().findFieldByName("key"));
      Object value = entry.getField(entry.getDescriptorForType().findFieldByName("value"));
      if (value instanceof Message v) {
        Map<FieldDescriptor, Object> set = v.getAllFields();
        value = set.isEmpty() ? "" : set.values().iterator().next();
        if (value instanceof com.google.protobuf.ByteString bytes) {
          value = "(" + bytes.size() + " bytes)";
        }
      }
      map.put(String.valueOf(key), String.valueOf(value));
    }
    return map;
  }

  static String strip(String name, String prefix) {
    return name.startsWith(prefix) ? name.substring(prefix.length()) : name;
  }

  static String json(Map<String, String> map) {
    StringBuilder json = new StringBuilder("{");
    for (Map.Entry<String, String> e : map.entrySet()) {
      if (json.length() > 1) {
        json.append(',');
      }
      json.append(quote(e.getKey())).append(':').append(quote(e.getValue()));
    }
    return json.append('}').toString();
  }

  static String number(double value) {
    return Double.isFinite(value) ? Double.toString(value) : "null";
  }

  static String quote(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
