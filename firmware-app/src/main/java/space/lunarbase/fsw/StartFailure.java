package space.lunarbase.fsw;

import io.micronaut.core.value.PropertyResolver;
import java.util.Optional;
import space.lunarbase.fsw.config.HalSettings;
import space.lunarbase.fsw.config.InvalidConfigException;
import space.lunarbase.fsw.config.simcontrol.SimControlGuard;
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
          properties.getProperty("hal.sim-clock-rate", Double.class).orElse(1.0));
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
    var typeError = typeError(failure);
    if (typeError.isPresent()) {
      // Micronaut's message may have changed the value (a size is upper-cased): quote what was given
      SettingTypeError error = typeError.get();
      String given = error.value();
      try {
        given = properties.getProperty(error.key(), String.class).orElse(given);
      } catch (RuntimeException e) {
        // as above
      }
      return new SettingTypeError(error.key(), given, error.type()).line();
    }
    return describe(failure);
  }

  private static Optional<SettingTypeError> typeError(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof InvalidConfigException) {
        return Optional.empty();
      }
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      var typeError = SettingTypeError.in(t.getMessage());
      if (typeError.isPresent()) {
        return typeError;
      }
    }
    return Optional.empty();
  }

  /**
   * The {@link InvalidConfigException}'s message if there is one in the chain, else a setting whose
   * value could not be converted to its type ({@link SettingTypeError}), else the deepest cause's
   * first line.
   */
  public static String describe(Throwable failure) {
    Throwable deepest = failure;
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof InvalidConfigException config) {
        return config.getMessage();
      }
      deepest = t;
    }
    var typeError = typeError(failure);
    if (typeError.isPresent()) {
      return typeError.get().line();
    }
    String message = deepest.getMessage();
    return (message == null ? deepest.getClass().getSimpleName() : message).lines().findFirst().orElse("");
  }
}
