package org.octave2vec.common;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** A line chart (e.g. train and validation loss per epoch) written as PNG with JFreeChart. */
public final class LinePlot {
  private LinePlot() {}

  /** {@code series}: name → y values at x = 1, 2, … (NaN values are skipped). */
  public static void write(
      Configuration conf,
      String path,
      String title,
      String xLabel,
      String yLabel,
      Map<String, List<Double>> series)
      throws IOException {
    System.setProperty("java.awt.headless", "true");
    XYSeriesCollection data = new XYSeriesCollection();
    series.forEach(
        (name, ys) -> {
          XYSeries s = new XYSeries(name);
          for (int i = 0; i < ys.size(); i++) {
            if (!Double.isNaN(ys.get(i))) {
              s.add(i + 1, ys.get(i));
            }
          }
          data.addSeries(s);
        });
    JFreeChart chart =
        ChartFactory.createXYLineChart(
            title, xLabel, yLabel, data, PlotOrientation.VERTICAL, true, false, false);
    Path p = new Path(path);
    try (OutputStream out = p.getFileSystem(conf).create(p, true)) {
      ChartUtils.writeChartAsPNG(out, chart, 800, 480);
    }
  }
}
