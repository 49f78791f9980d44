/**
 * The operating-system programs the JVM cannot replace ({@code systemd-notify}, {@code chrt}), run
 * by {@link ShortProgram}: bounded by a timeout, killed when it passes, output read once the
 * program has ended.
 */
package space.lunarbase.fsw.core.os;
