package space.lunarbase.fsw.core.watchdog;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import space.lunarbase.fsw.core.rate.RateGroupDriver;
import space.lunarbase.fsw.core.rate.RateGroupTask;

/**
 * A task in the firmware's {@code fast} group that hangs when told (only with
 * {@code lunarbase.test.stuck-task=true}): the deliberately stuck task the watchdog must catch. It
 * is released when the context closes.
 */
@Context
@Requires(property = "lunarbase.test.stuck-task", value = "true")
public final class StuckTask {

  private final AtomicBoolean hang = new AtomicBoolean();
  private final CountDownLatch release = new CountDownLatch(1);

  public StuckTask(RateGroupDriver driver) {
    driver.onEveryCycle("fast", RateGroupTask.of("stuck-when-told", cycle -> {
      if (hang.get()) {
        try {
          release.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }));
  }

  /** From the next cycle on, the task does not return. */
  public void hang() {
    hang.set(true);
  }

  @PreDestroy
  void release() {
    release.countDown();
  }
}
