package space.lunarbase.fsw.link;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import space.lunarbase.fsw.config.ControllerSettings;
import space.lunarbase.wire.Topics;

/** This controller's topic tree ({@link Topics} of the wire protocol) from {@code lunarbase.site} and {@code lunarbase.controller}. */
@Factory
final class TopicsFactory {

  @Singleton
  Topics topics(ControllerSettings controller) {
    return new Topics(controller.site(), controller.controller());
  }
}
