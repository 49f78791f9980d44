/**
 * Boards: a {@link BoardDescription} says what one controller drives (at most one bank, tracker
 * and rail, each with its wiring record) and checks the families against each other
 * ({@link PinClaims}); a {@link Board} is that hardware on one Pi4J context, built by the
 * assemblies ({@link CellBankAssembly}, {@link TrackerAssembly}, {@link RailAssembly}) on whatever
 * context it is given. {@link LinuxBoard} opens a real board with Pi4J's Linux providers only,
 * checking its device files first ({@link DeviceFiles}).
 */
package space.lunarbase.hal.board;
