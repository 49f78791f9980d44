/**
 * The fleet scale bench ({@code bench/fleet-scale}): N simulated controllers (the fleet, as a
 * process) on one Mosquitto with the ground station ingesting (as a process), for several N; one
 * table of delivery, end-to-end latency, CPU of broker and station, ingest lag, and memory per
 * controller.
 */
package space.lunarbase.bench.fleet;
