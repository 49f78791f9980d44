package space.lunarbase.fsw;

import io.micronaut.core.value.PropertyResolver;
import java.util.Optional;
import java.util.function.Function;
import space.lunarbase.fsw.config.HalSettings;
import space.lunarbase.fsw.config.InvalidConfigException;
import space.lunarbase.fsw.config.SimControlGuard;
import space.lunarbase.fsw.link.RealModeLink;

/** Turns a failed start into the one line a person at the board needs. */
public final class StartFailure {

  private StartFailure() {}

  /**
   * Like {@link #describe(Throwable)}, but a bad {@code hal.mode} is named first, whichever bean
   * the context happened to create first: the mode decides which hardware beans exist, so with a
   * bad one the first failure may be a missing bean rather than the setting itself. Likewise the
   * simulation control channel switched on in real mode or on a non-loopback server is named, not
   * the real hardware that happened to be missing first, and so is a link that real mode refuses
   * (the embedded broker, plain TCP, no client certificate).
   */
  public static String describe(Throwable failure, PropertyResolver properties) {
    try {
      new HalSettings(properties.getProperty("hal.mode", String.class).orElse(null),
          properties.getProperty("hal.sim-clock-rate", Double.class).orElse(1.0), HalSettings.DEMO_BOARD, "");
    } catch (InvalidConfigException e) {
      return e.getMessage();
    } catch (RuntimeException e) {
      // the properties could not be read: the failure itself is what there is to say
    }
    try {
      var simControl = SimControlGuard.check(properties);
      if (simControl.isPresent()) {
        return simControl.get().getMessage();
      }
    } catch (RuntimeException e) {
      // as above
    }
    try {
      var link = RealModeLink.check(properties);
      if (link.isPresent()) {
        return link.get().getMessage();
      }
    } catch (RuntimeException e) {
      // as above
    }
    // Micronaut's message may have changed the value (a size is upper-cased): quote what was given
    return describe(failure, key -> {
      try {
        return properties.getProperty(key, String.class);
      } catch (RuntimeException e) {
        return Optional.empty();
      }
    });
  }

  /**
   * The {@link InvalidConfigException}'s message if there is one in the chain, else a setting whose
   * value could not be converted to its type ({@link SettingTypeError}), else the deepest cause's
   * first line.
   */
  public static String describe(Throwable failure) {
    return describe(failure, key -> Optional.empty());
  }

  /** As {@link #describe(Throwable)}, a type error quoting the value {@code given} has for its key, if any. */
  private static String describe(Throwable failure, Function<String, Optional<String>> given) {
    Throwable deepest = failure;
    Optional<SettingTypeError> typeError = Optional.empty();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof InvalidConfigException config) {
        return config.getMessage();
      }
      if (typeError.isEmpty()) {
        typeError = SettingTypeError.in(t.getMessage());
      }
      deepest = t;
    }
    if (typeError.isPresent()) {
      SettingTypeError error = typeError.get();
      return new SettingTypeError(error.key(), given.apply(error.key()).orElse(error.value()), error.type()).line();
    }
    String message = deepest.getMessage();
    return (message == null ? deepest.getClass().getSimpleName() : message).lines().findFirst().orElse("");
  }
}
