/**
 * Board files: {@code hal.board} is {@code demo} or the path of a YAML file whose {@code bank:},
 * {@code tracker:} and {@code rail:} sections mirror the hal's wiring records
 * ({@link BoardDescriptions}, {@link BoardFile}). The YAML is composed into nodes only, read with
 * strict scalars ({@link Entry}) and checked key by key; any problem stops the start with one line
 * naming the file and the entry ({@link BoardFileProblem}).
 */
package space.lunarbase.fsw.config.board;
