package space.lunarbase.fsw.core.watchdog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.fsw.config.ControllerSettings;
import space.lunarbase.fsw.config.LinkSettings;
import space.lunarbase.fsw.core.boot.BootInfo;
import space.lunarbase.fsw.core.event.EventLog;
import space.lunarbase.fsw.core.rate.ClockTick;
import space.lunarbase.fsw.core.rate.OverrunEvents;
import space.lunarbase.fsw.core.rate.Progress;
import space.lunarbase.fsw.core.rate.RateGroupDriver;
import space.lunarbase.fsw.core.rate.RateGroupSpec;
import space.lunarbase.fsw.core.rate.RateGroupTask;
import space.lunarbase.fsw.core.telemetry.HeaderStamper;
import space.lunarbase.fsw.core.telemetry.Outbound;
import space.lunarbase.fsw.core.telemetry.Outbox;
import space.lunarbase.proto.v1.Event;
import space.lunarbase.proto.v1.Severity;

/** A rate group stuck on a latch: FATAL event, safing, no more WATCHDOG=1, health DOWN. */
class WatchdogTest {

  final CountDownLatch release = new CountDownLatch(1);
  final List<String> sent = new CopyOnWriteArrayList<>();
  final List<String> safed = new CopyOnWriteArrayList<>();
  Outbox outbox;
  RateGroupDriver driver;
  Watchdog watchdog;

  @AfterEach
  void stop() {
    release.countDown();
    if (watchdog != null) {
      watchdog.close();
    }
    if (driver != null) {
      driver.close();
    }
  }

  @Test
  void aStuckGroupRaisesAFatalEventIsSafedAndStopsTheServiceManagersWatchdog(@TempDir Path data) throws Exception {
    outbox = new Outbox(new LinkSettings("", Duration.ofSeconds(10), 10, 1000, Duration.ofSeconds(1),
        Duration.ofSeconds(1)));
    EventLog events = new EventLog(new HeaderStamper(new ControllerSettings("test-site", "ctl-1", data.toString()),
        new BootInfo(1, Instant.now(), "test")), outbox, java.time.InstantSource.system());
    AtomicBoolean block = new AtomicBoolean();
    driver = new RateGroupDriver(List.of(new RateGroupSpec("fast", 100), new RateGroupSpec("slow", 1)),
        ClockTick.system(), new OverrunEvents(events));
    driver.onEveryCycle("fast", RateGroupTask.of("blocks-when-told", t -> {
      if (block.get()) {
        try {
          release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }));
    ServiceManager serviceManager = new ServiceManager(
        new SystemdEnvironment(true, Optional.of(Duration.ofMillis(200))), sent::add);
    Progress progress = new Progress(5, Duration.ofMillis(300));
    watchdog = new Watchdog(driver, progress, Duration.ofMillis(300).toNanos(), safed::add, events, serviceManager,
        System::nanoTime);
    RateGroupHealthIndicator health = new RateGroupHealthIndicator(driver, watchdog);
    driver.start();
    watchdog.start();

    await("ready, then fed").atMost(Duration.ofSeconds(5))
        .until(() -> sent.stream().filter("WATCHDOG=1"::equals).count() >= 3);
    assertThat(sent.getFirst()).isEqualTo("READY=1");
    assertThat(status(health)).isEqualTo("UP");
    assertThat(watchdog.tripped()).isFalse();

    block.set(true);

    await("tripped").atMost(Duration.ofSeconds(5)).until(watchdog::tripped);
    assertThat(safed).containsExactly("rate group fast stuck");
    Event fatal = events(outbox).stream().filter(e -> e.getSeverity() == Severity.SEVERITY_FATAL).findFirst()
        .orElseThrow();
    assertThat(fatal.getName()).isEqualTo("RATE_GROUP_STUCK");
    assertThat(fatal.getSubsystem()).isEqualTo("core");
    assertThat(fatal.getArgsMap()).containsEntry("group", "fast");
    assertThat(status(health)).isEqualTo("DOWN");
    await("the status says why").atMost(Duration.ofSeconds(2)).until(() -> sent.contains("STATUS=rate group fast stuck"));
    long fed = sent.stream().filter("WATCHDOG=1"::equals).count();
    await("no WATCHDOG=1 after the trip").during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(2))
        .until(() -> sent.stream().filter("WATCHDOG=1"::equals).count() == fed);
    assertThat(safed).as("safed once").hasSize(1);
  }

  @Test
  void aFailedVitalStopsTheServiceManagersWatchdogWithItsReasonWithoutSafing(@TempDir Path data) {
    outbox = new Outbox(new LinkSettings("", Duration.ofSeconds(10), 10, 1000, Duration.ofSeconds(1),
        Duration.ofSeconds(1)));
    EventLog events = new EventLog(new HeaderStamper(new ControllerSettings("test-site", "ctl-1", data.toString()),
        new BootInfo(1, Instant.now(), "test")), outbox, java.time.InstantSource.system());
    driver = new RateGroupDriver(List.of(new RateGroupSpec("fast", 100)), ClockTick.system(), new OverrunEvents(events));
    ServiceManager serviceManager = new ServiceManager(
        new SystemdEnvironment(true, Optional.of(Duration.ofMillis(200))), sent::add);
    java.util.concurrent.atomic.AtomicReference<String> failure = new java.util.concurrent.atomic.AtomicReference<>();
    Vital link = () -> Optional.ofNullable(failure.get());
    watchdog = new Watchdog(driver, new Progress(5, Duration.ofMillis(300)), Duration.ofMillis(300).toNanos(),
        safed::add, events, serviceManager, System::nanoTime, List.of(link));
    driver.start();
    watchdog.start();
    await("fed").atMost(Duration.ofSeconds(5)).until(() -> sent.stream().filter("WATCHDOG=1"::equals).count() >= 2);

    failure.set("MQTT receive path dead: nothing received for 30000 ms");

    await("the status says why").atMost(Duration.ofSeconds(2))
        .until(() -> sent.contains("STATUS=MQTT receive path dead: nothing received for 30000 ms"));
    long fed = sent.stream().filter("WATCHDOG=1"::equals).count();
    await("no WATCHDOG=1 after").during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(2))
        .until(() -> sent.stream().filter("WATCHDOG=1"::equals).count() == fed);
    assertThat(safed).as("the link's failure safes nothing: a restart starts everything SAFE").isEmpty();
    assertThat(watchdog.tripped()).as("the rate groups are fine").isFalse();
  }

  private static String status(RateGroupHealthIndicator health) {
    java.util.concurrent.atomic.AtomicReference<io.micronaut.management.health.indicator.HealthResult> result =
        new java.util.concurrent.atomic.AtomicReference<>();
    health.getResult().subscribe(new org.reactivestreams.Subscriber<>() {
      @Override
      public void onSubscribe(org.reactivestreams.Subscription subscription) {
        subscription.request(1);
      }

      @Override
      public void onNext(io.micronaut.management.health.indicator.HealthResult item) {
        result.set(item);
      }

      @Override
      public void onError(Throwable failure) {
        throw new AssertionError(failure);
      }

      @Override
      public void onComplete() {
      }
    });
    return result.get().getStatus().getName();
  }

  private static List<Event> events(Outbox outbox) throws InterruptedException {
    List<Event> events = new java.util.ArrayList<>();
    Outbound message;
    while ((message = outbox.poll(Duration.ZERO)) != null) {
      if (message.stream().equals(EventLog.STREAM)) {
        try {
          events.add(Event.parseFrom(message.payload()));
        } catch (InvalidProtocolBufferException e) {
          throw new AssertionError(e);
        }
      }
    }
    return events;
  }

  @Test
  void systemdsEnvironmentSaysWhetherAndHowOftenToNotify() {
    assertThat(SystemdEnvironment.from(Map.of(), 42)).isEqualTo(SystemdEnvironment.NONE);
    assertThat(SystemdEnvironment.from(Map.of("NOTIFY_SOCKET", "/run/systemd/notify", "WATCHDOG_USEC", "10000000"), 42))
        .isEqualTo(new SystemdEnvironment(true, Optional.of(Duration.ofSeconds(10))));
    assertThat(SystemdEnvironment.from(Map.of("NOTIFY_SOCKET", "/run/systemd/notify", "WATCHDOG_USEC", "10000000",
        "WATCHDOG_PID", "7"), 42)).as("the watchdog is another process's")
        .isEqualTo(new SystemdEnvironment(true, Optional.empty()));
  }

  @Test
  void withoutNotifySocketNothingIsSent() {
    ServiceManager manager = new ServiceManager(SystemdEnvironment.NONE, sent::add);
    manager.ready();
    manager.alive(System.nanoTime());
    manager.stopWatchdog("x");
    assertThat(sent).isEmpty();
  }

  @Test
  void theWatchdogIsFedEveryHalfTimeout() {
    ServiceManager manager = new ServiceManager(new SystemdEnvironment(true, Optional.of(Duration.ofSeconds(10))),
        sent::add);
    manager.ready();
    manager.ready();
    long t = 1_000_000_000L;
    manager.alive(t);
    manager.alive(t + Duration.ofSeconds(4).toNanos());
    manager.alive(t + Duration.ofSeconds(5).toNanos());
    manager.stopWatchdog("stuck");
    manager.alive(t + Duration.ofSeconds(20).toNanos());
    assertThat(sent).containsExactly("READY=1", "WATCHDOG=1", "WATCHDOG=1", "STATUS=stuck");
  }

  @Test
  void systemdNotifyIsRunWithThePidAndTheState(@TempDir Path dir) throws Exception {
    Path args = dir.resolve("args");
    Path script = dir.resolve("fake-systemd-notify");
    java.nio.file.Files.writeString(script, "#!/bin/sh\necho \"$@\" >> '" + args + "'\n");
    assertThat(script.toFile().setExecutable(true)).isTrue();

    new SystemdNotifyCommand(script.toString(), 4242).send("WATCHDOG=1");

    assertThat(java.nio.file.Files.readString(args)).isEqualTo("--pid=4242 WATCHDOG=1\n");
  }
}
