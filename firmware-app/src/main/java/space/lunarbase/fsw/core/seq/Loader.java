package space.lunarbase.fsw.core.seq;

import java.time.Instant;
import java.util.Objects;
import space.lunarbase.fsw.core.command.Role;

/**
 * Who loaded a sequence: the key, role, request id and counter of the signed {@code seq.LOAD},
 * and when. The sequence's entries run on this authority (their acks echo it).
 */
public record Loader(String keyId, Role role, long requestId, long counter, Instant loadedAt) {

  public Loader {
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(loadedAt, "loadedAt");
  }
}
