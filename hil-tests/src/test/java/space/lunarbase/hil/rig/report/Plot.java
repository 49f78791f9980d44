package space.lunarbase.hil.rig.report;

import java.util.List;

/**
 * One chart of the report: lines (or points) against a shared x axis, drawn as a PNG.
 *
 * @param file the PNG's name in the scenario's folder, without extension ({@code [a-z0-9-]+})
 * @param title the chart's title
 * @param xLabel x axis title, with unit
 * @param yLabel y axis title, with unit
 * @param series the lines
 */
public record Plot(String file, String title, String xLabel, String yLabel, List<Series> series) {

  /**
   * One line.
   *
   * @param name legend text
   * @param x x values
   * @param y y values, as many as x
   * @param points draw markers only, no line (for sparse or out-of-order data)
   */
  public record Series(String name, double[] x, double[] y, boolean points) {
    public Series {
      if (x.length != y.length) {
        throw new IllegalArgumentException("series " + name + ": " + x.length + " x values, " + y.length + " y values");
      }
      x = x.clone();
      y = y.clone();
    }

    /** A line through {@code x}, {@code y}. */
    public static Series line(String name, List<Double> x, List<Double> y) {
      return new Series(name, unbox(x), unbox(y), false);
    }

    /** Points at {@code x}, {@code y}. */
    public static Series points(String name, List<Double> x, List<Double> y) {
      return new Series(name, unbox(x), unbox(y), true);
    }

    private static double[] unbox(List<Double> values) {
      return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
  }

  public Plot {
    if (!file.matches("[a-z0-9-]+")) {
      throw new IllegalArgumentException("plot file name must be [a-z0-9-]+, was " + file);
    }
    series = series.stream().filter(s -> s.x().length > 0).toList();
  }

  /** Has at least one point to draw. */
  public boolean hasData() {
    return !series.isEmpty();
  }
}
