package space.lunarbase.hal.tracker;

/** A tracker axis. Azimuth turns continuously (0..360 degrees, clockwise from north); elevation is limited by end stops. */
public enum Axis { AZIMUTH, ELEVATION }
