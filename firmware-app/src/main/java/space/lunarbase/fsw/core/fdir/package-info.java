/**
 * Fault detection, isolation and recovery: {@link SafingTable} declares every autonomous response
 * (which red limit or fault makes which subsystems SAFE), {@link FaultResponse} applies it to
 * limit transitions, {@link SiteSafing} makes subsystems SAFE and drives their hardware safe, and
 * {@link RedConditions} keeps a subsystem SAFE while its red condition holds. Recovery is an
 * operator's {@code core.SET_MODE}.
 */
package space.lunarbase.fsw.core.fdir;
