/**
 * What the station serves: the REST API ({@link space.lunarbase.station.web.ApiController}, JSON and
 * CSV history), the console's live feed over a WebSocket ({@link space.lunarbase.station.web.RealtimeSocket},
 * fed by {@link space.lunarbase.station.web.LiveBus}).
 */
package space.lunarbase.station.web;
