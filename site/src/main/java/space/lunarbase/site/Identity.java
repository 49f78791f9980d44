package space.lunarbase.site;

import java.util.List;

/**
 * One client of a site as its certificate names it: a controller's CN is {@code {site}.{id}}
 * (e.g. {@code lunar-south.bank-ctl-1}), every other role's CN is its plain name. The site broker
 * takes the CN as the username and the client id.
 *
 * @param name the name in the manifest (a controller's id), which names its bundle
 * @param role what the ACL lets it do
 * @param commonName the certificate's CN
 * @param families a controller's hardware families (bank, rail, tracker), for the inventory; empty otherwise
 */
public record Identity(String name, Role role, String commonName, List<String> families) {

  public Identity {
    families = List.copyOf(families);
  }

  /** The identity {@code name} of {@code role} on {@code site}. */
  public static Identity of(String site, String name, Role role, List<String> families) {
    return new Identity(name, role, commonName(site, name, role), families);
  }

  /** The CN of {@code name} in {@code role} on {@code site}. */
  public static String commonName(String site, String name, Role role) {
    return role == Role.CONTROLLER ? site + "." + name : name;
  }
}
