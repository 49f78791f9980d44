package space.lunarbase.station.site;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the station knows of one controller now, for the fleet overview and the console's tree.
 *
 * @param key {@code site/controller}
 * @param status ONLINE, OFFLINE, or UNKNOWN before any state arrived
 * @param reason why it went OFFLINE, when it said
 * @param dictionaryHash the SHA-256 of the dictionary its state names (empty: none, or not known yet)
 * @param stateTimeMicros the state message's time
 * @param lastMessageMicros when the station last received anything from it (UTC µs)
 * @param linkStatus the status in its last {@code tlm/link} frame (OK, UNAVAIL, ...), or empty
 * @param modes each subsystem's mode from its last frame, e.g. {@code bank=NOMINAL}
 * @param worstLevel the worst limit level in its last channel frame
 * @param worstChannels the channels at that level
 * @param series every series archived for it, by name
 * @param dictionary the dictionary the station uses for it: the one its state names, once received
 */
public record ControllerSnapshot(String key, String site, String controller, String status, String reason,
    long boot, String firmware, String halMode, String schemaHash, String dictionaryHash, long stateTimeMicros,
    long lastMessageMicros, String linkStatus, Map<String, String> modes, String worstLevel,
    List<String> worstChannels, List<Series> series, Optional<KnownDictionary> dictionary) {}
