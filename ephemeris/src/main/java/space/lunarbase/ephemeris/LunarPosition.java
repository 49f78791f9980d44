package space.lunarbase.ephemeris;

import static space.lunarbase.ephemeris.Angles.normalize;

/**
 * The Moon's geocentric position, after J. Meeus, <i>Astronomical Algorithms</i>, 2nd ed., ch. 47
 * "Position of the Moon": the truncation of Chapront's ELP-2000/82 to the periodic terms of tables
 * 47.A (longitude, distance) and 47.B (latitude) plus the additive terms for Venus, Jupiter and
 * the Earth's flattening. Meeus gives its accuracy as about 10" in longitude and 4" in latitude.
 * Here the Moon serves only to move the Sun's direction from the Earth's centre to the Moon's
 * (at most 0.15 degrees), so even a 1000 km error would move the Sun by 0.0004 degrees.
 *
 * @param longitudeDeg geocentric ecliptic longitude, mean equinox of date
 * @param latitudeDeg geocentric ecliptic latitude
 * @param distanceKm Earth-Moon centre distance
 */
record LunarPosition(double longitudeDeg, double latitudeDeg, double distanceKm) {

  /** Table 47.A: multiples of D, M, M', F; longitude (1e-6 degrees); distance (1e-3 km). */
  private static final int[][] LONGITUDE_DISTANCE = {
      {0, 0, 1, 0, 6288774, -20905355}, {2, 0, -1, 0, 1274027, -3699111}, {2, 0, 0, 0, 658314, -2955968},
      {0, 0, 2, 0, 213618, -569925}, {0, 1, 0, 0, -185116, 48888}, {0, 0, 0, 2, -114332, -3149},
      {2, 0, -2, 0, 58793, 246158}, {2, -1, -1, 0, 57066, -152138}, {2, 0, 1, 0, 53322, -170733},
      {2, -1, 0, 0, 45758, -204586}, {0, 1, -1, 0, -40923, -129620}, {1, 0, 0, 0, -34720, 108743},
      {0, 1, 1, 0, -30383, 104755}, {2, 0, 0, -2, 15327, 10321}, {0, 0, 1, 2, -12528, 0},
      {0, 0, 1, -2, 10980, 79661}, {4, 0, -1, 0, 10675, -34782}, {0, 0, 3, 0, 10034, -23210},
      {4, 0, -2, 0, 8548, -21636}, {2, 1, -1, 0, -7888, 24208}, {2, 1, 0, 0, -6766, 30824},
      {1, 0, -1, 0, -5163, -8379}, {1, 1, 0, 0, 4987, -16675}, {2, -1, 1, 0, 4036, -12831},
      {2, 0, 2, 0, 3994, -10445}, {4, 0, 0, 0, 3861, -11650}, {2, 0, -3, 0, 3665, 14403},
      {0, 1, -2, 0, -2689, -7003}, {2, 0, -1, 2, -2602, 0}, {2, -1, -2, 0, 2390, 10056},
      {1, 0, 1, 0, -2348, 6322}, {2, -2, 0, 0, 2236, -9884}, {0, 1, 2, 0, -2120, 5751},
      {0, 2, 0, 0, -2069, 0}, {2, -2, -1, 0, 2048, -4950}, {2, 0, 1, -2, -1773, 4130},
      {2, 0, 0, 2, -1595, 0}, {4, -1, -1, 0, 1215, -3958}, {0, 0, 2, 2, -1110, 0},
      {3, 0, -1, 0, -892, 3258}, {2, 1, 1, 0, -810, 2616}, {4, -1, -2, 0, 759, -1897},
      {0, 2, -1, 0, -713, -2117}, {2, 2, -1, 0, -700, 2354}, {2, 1, -2, 0, 691, 0},
      {2, -1, 0, -2, 596, 0}, {4, 0, 1, 0, 549, -1423}, {0, 0, 4, 0, 537, -1117},
      {4, -1, 0, 0, 520, -1571}, {1, 0, -2, 0, -487, -1739}, {2, 1, 0, -2, -399, 0},
      {0, 0, 2, -2, -381, -4421}, {1, 1, 1, 0, 351, 0}, {3, 0, -2, 0, -340, 0},
      {4, 0, -3, 0, 330, 0}, {2, -1, 2, 0, 327, 0}, {0, 2, 1, 0, -323, 1165},
      {1, 1, -1, 0, 299, 0}, {2, 0, 3, 0, 294, 0}, {2, 0, -1, -2, 0, 8752}};

  /** Table 47.B: multiples of D, M, M', F; latitude (1e-6 degrees). */
  private static final int[][] LATITUDE = {
      {0, 0, 0, 1, 5128122}, {0, 0, 1, 1, 280602}, {0, 0, 1, -1, 277693}, {2, 0, 0, -1, 173237},
      {2, 0, -1, 1, 55413}, {2, 0, -1, -1, 46271}, {2, 0, 0, 1, 32573}, {0, 0, 2, 1, 17198},
      {2, 0, 1, -1, 9266}, {0, 0, 2, -1, 8822}, {2, -1, 0, -1, 8216}, {2, 0, -2, -1, 4324},
      {2, 0, 1, 1, 4200}, {2, 1, 0, -1, -3359}, {2, -1, -1, 1, 2463}, {2, -1, 0, 1, 2211},
      {2, -1, -1, -1, 2065}, {0, 1, -1, -1, -1870}, {4, 0, -1, -1, 1828}, {0, 1, 0, 1, -1794},
      {0, 0, 0, 3, -1749}, {0, 1, -1, 1, -1565}, {1, 0, 0, 1, -1491}, {0, 1, 1, 1, -1475},
      {0, 1, 1, -1, -1410}, {0, 1, 0, -1, -1344}, {1, 0, 0, -1, -1335}, {0, 0, 3, 1, 1107},
      {4, 0, 0, -1, 1021}, {4, 0, -1, 1, 833}, {0, 0, 1, -3, 777}, {4, 0, -2, 1, 671},
      {2, 0, 0, -3, 607}, {2, 0, 2, -1, 596}, {2, -1, 1, -1, 491}, {2, 0, -2, 1, -451},
      {0, 0, 3, -1, 439}, {2, 0, 2, 1, 422}, {2, 0, -3, -1, 421}, {2, 1, -1, 1, -366},
      {2, 1, 0, 1, -351}, {4, 0, 0, 1, 331}, {2, -1, 1, 1, 315}, {2, -2, 0, -1, 302},
      {0, 0, 1, 3, -283}, {2, 1, 1, -1, -229}, {1, 1, 0, -1, 223}, {1, 1, 0, 1, 223},
      {0, 1, -2, -1, -220}, {2, 1, -1, -1, -220}, {1, 0, 1, 1, -185}, {2, -1, -2, -1, 181},
      {0, 1, 2, 1, -177}, {4, 0, -2, -1, 176}, {4, -1, -1, -1, 166}, {1, 0, 1, -1, -164},
      {4, 0, 1, -1, 132}, {1, 0, -1, -1, -119}, {4, -1, 0, -1, 115}, {2, -2, 0, 1, 107}};

  /** The Moon at {@code t} Julian centuries of TT from J2000.0. */
  static LunarPosition at(double t) {
    double t2 = t * t;
    double t3 = t2 * t;
    double t4 = t3 * t;
    double meanLongitude = normalize(218.3164477 + 481267.88123421 * t - 0.0015786 * t2 + t3 / 538841 - t4 / 65194000);
    double elongation = normalize(297.8501921 + 445267.1114034 * t - 0.0018819 * t2 + t3 / 545868 - t4 / 113065000);
    double sunAnomaly = normalize(357.5291092 + 35999.0502909 * t - 0.0001536 * t2 + t3 / 24490000);
    double moonAnomaly = normalize(134.9633964 + 477198.8675055 * t + 0.0087414 * t2 + t3 / 69699 - t4 / 14712000);
    double argumentOfLatitude = normalize(93.2720950 + 483202.0175233 * t - 0.0036539 * t2 - t3 / 3526000
        + t4 / 863310000);
    double a1 = normalize(119.75 + 131.849 * t);
    double a2 = normalize(53.09 + 479264.290 * t);
    double a3 = normalize(313.45 + 481266.484 * t);
    double e = 1 - 0.002516 * t - 0.0000074 * t2;

    double d = Math.toRadians(elongation);
    double m = Math.toRadians(sunAnomaly);
    double mp = Math.toRadians(moonAnomaly);
    double f = Math.toRadians(argumentOfLatitude);
    double sumL = 0;
    double sumR = 0;
    for (int[] term : LONGITUDE_DISTANCE) {
      double arg = term[0] * d + term[1] * m + term[2] * mp + term[3] * f;
      double factor = eccentricityFactor(term[1], e);
      sumL += term[4] * factor * Math.sin(arg);
      sumR += term[5] * factor * Math.cos(arg);
    }
    double sumB = 0;
    for (int[] term : LATITUDE) {
      double arg = term[0] * d + term[1] * m + term[2] * mp + term[3] * f;
      sumB += term[4] * eccentricityFactor(term[1], e) * Math.sin(arg);
    }
    double lp = Math.toRadians(meanLongitude);
    double a1r = Math.toRadians(a1);
    sumL += 3958 * Math.sin(a1r) + 1962 * Math.sin(lp - f) + 318 * Math.sin(Math.toRadians(a2));
    sumB += -2235 * Math.sin(lp) + 382 * Math.sin(Math.toRadians(a3)) + 175 * Math.sin(a1r - f)
        + 175 * Math.sin(a1r + f) + 127 * Math.sin(lp - mp) - 115 * Math.sin(lp + mp);
    return new LunarPosition(normalize(meanLongitude + sumL / 1e6), sumB / 1e6, 385000.56 + sumR / 1000);
  }

  /** The terms with the Sun's mean anomaly M decrease with the Earth's orbital eccentricity: E^|M multiple|. */
  private static double eccentricityFactor(int multipleOfM, double e) {
    return switch (Math.abs(multipleOfM)) {
      case 0 -> 1;
      case 1 -> e;
      default -> e * e;
    };
  }

  /** The Moon as a geocentric vector in metres, mean equator and equinox of date. */
  Vector3 meanEquatorialM(double meanObliquityDeg) {
    return EarthFrames.eclipticToEquatorial(longitudeDeg, latitudeDeg, distanceKm * 1000, meanObliquityDeg);
  }
}
