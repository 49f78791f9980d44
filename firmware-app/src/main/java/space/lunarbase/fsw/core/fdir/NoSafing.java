package space.lunarbase.fsw.core.fdir;

import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The fallback {@link Safing} when no other is a bean (see {@link SiteSafing}): logs that nothing was made safe. */
@Singleton
@Secondary
final class NoSafing implements Safing {

  private static final Logger LOG = LoggerFactory.getLogger(NoSafing.class);

  @Override
  public void safe(String reason) {
    LOG.error("safing requested ({}), but no safing is implemented yet: hardware left as it is", reason);
  }
}
