/**
 * Benchmarks that report ratios against bare baselines measured in the same run: the firmware's
 * telemetry pipeline (sample, frame, outbox, link) against a bare Paho MQTT 5 publisher of the same
 * bytes on one local Mosquitto ({@link LinkBench}, with {@link FirmwareUnderTest} and
 * {@link BarePublisher}) and over TLS on a site broker, with what TLS itself costs against plain
 * TCP on the same broker ({@link TlsLinkBench}); bytes per sample against JSON; and JMH costs of one
 * bank sample ({@link FrameEncodingBench}). Results go to {@code bench/target/bench-results.md};
 * method and figures in {@code bench/README.md}.
 */
package space.lunarbase.bench;
