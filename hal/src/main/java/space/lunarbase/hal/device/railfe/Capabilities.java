package space.lunarbase.hal.device.railfe;

/** The CAPS register: what this front-end is wired to. */
public record Capabilities(int gates, int coils, int thermistors, int recordSize) {}
