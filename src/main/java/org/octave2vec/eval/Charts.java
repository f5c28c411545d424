package org.octave2vec.eval;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.GrayPaintScale;
import org.jfree.chart.renderer.category.StatisticalBarRenderer;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The report's PNG charts (JFreeChart, headless), written to any Hadoop file system. */
final class Charts {
  /** Points drawn per label in a scatter plot: beyond this every k-th point is kept. */
  static final int MAX_POINTS_PER_LABEL = 4000;

  static {
    System.setProperty("java.awt.headless", "true"); // before any AWT class asks
  }

  private Charts() {}

  /** Mean ± std of each task's headline metric, one bar per feature set within each task. */
  static void bars(Configuration conf, String path, List<TaskResult> results) throws IOException {
    DefaultStatisticalCategoryDataset data = new DefaultStatisticalCategoryDataset();
    for (TaskResult r : results) {
      data.add(
          r.headlineMean(), r.headlineStd(), r.featureSet(), r.task() + " (" + r.headline() + ")");
    }
    JFreeChart chart =
        ChartFactory.createBarChart(
            "Linear probes: headline metric, mean ± std over folds × seeds",
            "task (headline metric)",
            "headline metric",
            data,
            PlotOrientation.VERTICAL,
            true,
            false,
            false);
    CategoryPlot plot = chart.getCategoryPlot();
    StatisticalBarRenderer renderer = new StatisticalBarRenderer();
    renderer.setErrorIndicatorPaint(Color.BLACK);
    plot.setRenderer(renderer);
    ((NumberAxis) plot.getRangeAxis()).setRange(Math.min(0, minLow(results)), 1.05);
    png(conf, path, chart, Math.max(900, Math.min(2400, 200 + 16 * results.size())), 560);
  }

  private static double minLow(List<TaskResult> results) {
    return results.stream()
        .mapToDouble(r -> r.headlineMean() - r.headlineStd())
        .filter(Double::isFinite)
        .min()
        .orElse(0);
  }

  /**
   * Confusion matrix, rows normalized per true class (grey = recall), counts written in the cells.
   */
  static void confusion(Configuration conf, String path, TaskResult r) throws IOException {
    int[][] m = r.confusion();
    int k = m.length;
    double[][] xyz = new double[3][k * k];
    XYPlot plot = new XYPlot();
    for (int t = 0; t < k; t++) {
      long row = 0;
      for (int p = 0; p < k; p++) {
        row += m[t][p];
      }
      for (int p = 0; p < k; p++) {
        int i = t * k + p;
        xyz[0][i] = p;
        xyz[1][i] = t;
        xyz[2][i] = row == 0 ? 0 : m[t][p] / (double) row;
        if (k <= 30) {
          XYTextAnnotation a = new XYTextAnnotation(Integer.toString(m[t][p]), p, t);
          a.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, k <= 10 ? 12 : 8));
          a.setPaint(xyz[2][i] > 0.5 ? Color.WHITE : Color.BLACK);
          plot.addAnnotation(a);
        }
      }
    }
    DefaultXYZDataset data = new DefaultXYZDataset();
    data.addSeries("share of true class", xyz);
    String[] names = r.classes().toArray(String[]::new);
    plot.setDataset(data);
    plot.setDomainAxis(new SymbolAxis("predicted", names));
    plot.setRangeAxis(new SymbolAxis("true", names));
    plot.getRangeAxis().setInverted(true);
    XYBlockRenderer renderer = new XYBlockRenderer();
    GrayPaintScale scale =
        new GrayPaintScale(0, 1) {
          @Override
          public java.awt.Paint getPaint(double value) {
            return super.getPaint(1 - value); // dark = large share
          }
        };
    renderer.setPaintScale(scale);
    plot.setRenderer(renderer);
    JFreeChart chart =
        new JFreeChart(
            r.task() + " · " + r.featureSet() + " (confusion summed over folds)",
            JFreeChart.DEFAULT_TITLE_FONT,
            plot,
            false);
    PaintScaleLegend legend = new PaintScaleLegend(scale, new NumberAxis("share of true class"));
    legend.setPosition(RectangleEdge.RIGHT);
    chart.addSubtitle(legend);
    int size = Math.max(480, Math.min(1200, 60 + 40 * k));
    png(conf, path, chart, size + 120, size);
  }

  /** 2-D points coloured by label (one series per label). */
  static void scatter(Configuration conf, String path, String title, double[][] xy, String[] labels)
      throws IOException {
    Map<String, XYSeries> series = new TreeMap<>();
    Map<String, Integer> count = new TreeMap<>();
    for (String l : labels) {
      count.merge(l, 1, Integer::sum);
    }
    Map<String, Integer> seen = new TreeMap<>();
    for (int i = 0; i < xy.length; i++) {
      int stride =
          Math.max(1, (count.get(labels[i]) + MAX_POINTS_PER_LABEL - 1) / MAX_POINTS_PER_LABEL);
      if (seen.merge(labels[i], 1, Integer::sum) % stride == 0 || stride == 1) {
        series
            .computeIfAbsent(labels[i], l -> new XYSeries(l, false, true))
            .add(xy[i][0], xy[i][1]);
      }
    }
    XYSeriesCollection data = new XYSeriesCollection();
    series.values().forEach(data::addSeries);
    JFreeChart chart =
        ChartFactory.createScatterPlot(
            title, "PC 1", "PC 2", data, PlotOrientation.VERTICAL, true, false, false);
    png(conf, path, chart, 800, 640);
  }

  static void png(Configuration conf, String path, JFreeChart chart, int width, int height)
      throws IOException {
    Path p = new Path(path);
    try (OutputStream out = p.getFileSystem(conf).create(p, true)) {
      ChartUtils.writeChartAsPNG(out, chart, width, height);
    }
  }
}
