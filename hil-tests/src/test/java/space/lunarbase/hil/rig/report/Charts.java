package space.lunarbase.hil.rig.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Draws a {@link Plot} as a PNG with XChart, headless ({@code java.awt.headless=true}). */
final class Charts {

  private static final int WIDTH = 900;
  private static final int HEIGHT = 360;

  private Charts() {}

  /** Writes {@code plot} to {@code folder/<file>.png}; returns the file's name. */
  static String draw(Plot plot, Path folder) {
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(plot.title()).xAxisTitle(plot.xLabel())
        .yAxisTitle(plot.yLabel()).build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    chart.getStyler().setMarkerSize(4);
    chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
    for (Plot.Series s : plot.series()) {
      XYSeries series = chart.addSeries(s.name(), s.x(), s.y());
      if (s.points()) {
        series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      } else {
        series.setMarker(SeriesMarkers.NONE);
      }
    }
    String name = plot.file() + ".png";
    try {
      BitmapEncoder.saveBitmap(chart, folder.resolve(name).toString(), BitmapEncoder.BitmapFormat.PNG);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + folder.resolve(name), e);
    }
    return name;
  }
}
