package space.lunarbase.ground.cli;

import java.util.HexFormat;

/**
 * What the command tests sign with and send to: the public development key ring
 * (deploy/keys/dev-keys.yml), its operator key's secret, and the command topic of the controller the
 * tests play (lunar-south/bank-ctl-1).
 */
final class TestOperator {

  static final String CMD = "lunarbase/v1/lunar-south/bank-ctl-1/cmd";
  static final String KEYS = "../deploy/keys/dev-keys.yml";
  static final byte[] OPERATOR_SECRET =
      HexFormat.of().parseHex("eb1340b5182c69113fe07e267bd7ff0e05b2c9af6de57e353d36447753a4a207");

  private TestOperator() {}
}
