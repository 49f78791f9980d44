/**
 * {@code lunarctl site}: {@code provision} makes or grows a secure site's folder (CA, broker
 * files, a bundle per identity) from a manifest and {@code revoke} shuts an identity out, both
 * through the {@code site} module's provisioning ({@link SiteCommand}).
 */
package space.lunarbase.ground.site;
