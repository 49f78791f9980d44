package space.lunarbase.fsw.core.param;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.List;

/** One parameter of each other kind, only in {@link ParametersTest}'s contexts. */
@Singleton
@Requires(property = "spec.name", value = "ParametersTest")
final class TestParameters implements ParameterSet {

  @Override
  public List<ParamSpec> parameters() {
    return List.of(
        ParamSpec.integer("test.retries", "", 0, 10, "retries"),
        ParamSpec.flag("test.enabled", "enabled"),
        ParamSpec.text("test.level", List.of("LOW", "HIGH"), "level"));
  }
}
