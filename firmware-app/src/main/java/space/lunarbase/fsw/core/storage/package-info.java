/**
 * Small files the firmware keeps across restarts, written so that a power cut leaves the old
 * content or the new, never a mix ({@link AtomicFile}: temporary file, fsync, rename, fsync of the
 * folder), and checked when read ({@link CheckedTextFile}: a header line and a CRC-32 line; a file
 * that cannot be trusted is moved aside).
 */
package space.lunarbase.fsw.core.storage;
