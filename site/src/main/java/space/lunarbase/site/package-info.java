/**
 * A secure site's provisioning from a manifest ({@link SiteManifest}): the site CA
 * ({@link CertificateAuthority}), a key and certificate per identity ({@link Identity},
 * {@link Role}), the broker's Mosquitto ACL ({@link AclFile}) and CRL, laid out in a site folder
 * with private files ({@link SiteFolder}, {@link SecureFiles}). {@link Provisioner} adds only what
 * is new on a rerun and revokes identities; BouncyCastle and the JDK do the cryptography.
 */
package space.lunarbase.site;
