package space.lunarbase.bench;

import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;

/**
 * A control for the latency runs: the bare publisher behind one thread hand-off through a
 * {@link LinkedBlockingDeque}, the same kind of hop the firmware's outbox makes to the link thread,
 * and nothing else of the link. Its figures tell the cost of that hop from the cost of the link's code.
 */
final class HandoffPublisher implements AutoCloseable {

  private final LinkedBlockingDeque<byte[]> queue = new LinkedBlockingDeque<>();
  private final Thread worker;
  private volatile boolean running = true;

  HandoffPublisher(BarePublisher bare, String topic, int qos) {
    this.worker = new Thread(() -> {
      while (running) {
        try {
          byte[] next = queue.pollFirst(50, TimeUnit.MILLISECONDS);
          if (next != null) {
            bare.publish(topic, next, qos);
          }
        } catch (InterruptedException e) {
          return;
        } catch (Exception e) {
          throw new IllegalStateException("hand-off publish failed", e);
        }
      }
    }, "bench-handoff");
    worker.setDaemon(true);
    worker.start();
  }

  void offer(byte[] payload) {
    queue.offerLast(payload);
  }

  @Override
  public void close() {
    running = false;
    worker.interrupt();
    try {
      worker.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
