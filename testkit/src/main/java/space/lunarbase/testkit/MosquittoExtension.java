package space.lunarbase.testkit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real Mosquitto for a test class: started before its first test, stopped after its last.
 * {@code @RegisterExtension static final MosquittoExtension broker = new MosquittoExtension();}
 */
public final class MosquittoExtension implements BeforeAllCallback, AfterAllCallback {

  private MosquittoBroker broker;

  @Override
  public void beforeAll(ExtensionContext context) {
    broker = MosquittoBroker.start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (broker != null) {
      broker.close();
    }
  }

  /** {@code tcp://127.0.0.1:port}. */
  public String url() {
    return broker().url();
  }

  public int port() {
    return broker().port();
  }

  /** The broker itself, to stop, kill or restart it. */
  public MosquittoBroker broker() {
    if (broker == null) {
      throw new IllegalStateException("the broker starts before the class's first test");
    }
    return broker;
  }
}
