package space.lunarbase.fsw.link;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import space.lunarbase.fsw.core.inbound.InboundHandler;

/**
 * Two inbound handlers with the bugs that kill a receive path, only in {@link ReceivePathTest}'s
 * contexts: one that never returns (until the test releases it), one that throws an {@link Error}.
 */
@Factory
@Requires(property = "spec.name", value = "ReceivePathTest")
final class BrokenHandlers {

  /** Released by the test before its context closes, so the client's callback thread can stop. */
  static final CountDownLatch RELEASE = new CountDownLatch(1);

  @Singleton
  InboundHandler stuck() {
    return new Handler("test/stuck") {
      @Override
      public void accept(byte[] payload) {
        try {
          RELEASE.await(5, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    };
  }

  @Singleton
  InboundHandler broken() {
    return new Handler("test/broken") {
      @Override
      public void accept(byte[] payload) {
        throw new OutOfMemoryError("Java heap space (thrown by the test)");
      }
    };
  }

  private abstract static class Handler implements InboundHandler {
    private final String stream;

    Handler(String stream) {
      this.stream = stream;
    }

    @Override
    public String stream() {
      return stream;
    }

    @Override
    public long garbage() {
      return 0;
    }
  }
}
