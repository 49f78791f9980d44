/**
 * The controller's dictionary: its commands, channels, events and parameters exported from the
 * live registries ({@link space.lunarbase.fsw.core.dictionary.ControllerDictionary}), published
 * retained on {@code dictionary} and rendered into {@code docs/dictionary}.
 */
package space.lunarbase.fsw.core.dictionary;
