/**
 * The site as the station has learnt it ({@link space.lunarbase.station.site.SiteModel}): controllers,
 * their state and modes, channel catalogues and limits, and every archived series.
 */
package space.lunarbase.station.site;
