/**
 * The ground station: {@link space.lunarbase.station.StationApplication} starts a Micronaut context
 * with the archive, the site link, ingest and the web server; {@link space.lunarbase.station.Station}
 * runs them and the archive's maintenance; {@link space.lunarbase.station.StationSettings} holds
 * {@code lunarbase.station.*}.
 */
package space.lunarbase.station;
