package space.lunarbase.fleet;

import java.util.ArrayList;
import java.util.List;

/**
 * Who is in a fleet of N: one rail (from 3 controllers on), a bank for every ten controllers (at
 * least one), trackers for the rest; ids {@code rail-1}, {@code bank-1}..., {@code tracker-1}... (never
 * {@code bank-ctl-1}, so a fleet and {@code ./run-sim} share a broker without taking each other's client id).
 */
final class FleetMix {

  /** One member: its controller id and family. */
  record Member(String id, String family) {}

  private FleetMix() {}

  static List<Member> of(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("a fleet has 0 or more controllers, not " + n);
    }
    int rails = n >= 3 ? 1 : 0;
    int banks = n == 0 ? 0 : Math.max(1, Math.round(n / 10f));
    banks = Math.min(banks, n - rails);
    List<Member> members = new ArrayList<>(n);
    for (int i = 1; i <= rails; i++) {
      members.add(new Member("rail-" + i, "rail"));
    }
    for (int i = 1; i <= banks; i++) {
      members.add(new Member("bank-" + i, "bank"));
    }
    for (int i = 1; members.size() < n; i++) {
      members.add(new Member("tracker-" + i, "tracker"));
    }
    return List.copyOf(members);
  }

  /** A site manifest naming these controllers, for {@code lunarctl site provision}. */
  static String manifest(String site, int n) {
    StringBuilder yaml = new StringBuilder()
        .append("# A site of ").append(n).append(" simulated controllers (./run-fleet ").append(n)
        .append(" --manifest): lunarctl site provision this-file --dir DIR\n")
        .append("site: ").append(site).append('\n')
        .append("broker: { hosts: [localhost], ips: [127.0.0.1] }\n")
        .append("controllers:\n");
    for (Member member : of(n)) {
      yaml.append("  - { id: ").append(member.id()).append(", families: [").append(member.family()).append("] }\n");
    }
    return yaml.append("operators: [ alice, alice-watch ]\n").append("observers: [ ground-station, fleet-check ]\n")
        .toString();
  }

  static Family family(Member member, double phase) {
    return switch (member.family()) {
      case "rail" -> new RailFamily(member.id(), phase);
      case "bank" -> new BankFamily(member.id(), phase);
      default -> new TrackerFamily(member.id(), phase);
    };
  }
}
