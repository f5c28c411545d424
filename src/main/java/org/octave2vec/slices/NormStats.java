package org.octave2vec.slices;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.octave2vec.common.Json;
import org.octave2vec.common.Provenance;
import org.octave2vec.common.SliceGeometry;

/**
 * Per-band mean and population std of train slice levels, by Welford's update (stable for dB levels
 * around 60 where sums of squares would cancel) and Chan's merge, so Spark can aggregate per
 * partition and combine.
 */
public final class NormStats implements Serializable {
  private static final long serialVersionUID = 1L;

  /** A band whose levels never vary still divides by this, in dB. */
  public static final double STD_FLOOR = 1e-3;

  private final double[] mean;
  private final double[] m2;
  private long count;

  public NormStats(int bands) {
    if (bands < 1) {
      throw new IllegalArgumentException("bands must be >= 1, got " + bands);
    }
    mean = new double[bands];
    m2 = new double[bands];
  }

  public int bands() {
    return mean.length;
  }

  /** Values seen per band. */
  public long count() {
    return count;
  }

  /** Adds one band-major slice ({@code levels[band * width + t]}). */
  public NormStats add(float[] levels, int bands, int width) {
    checkShape(levels, bands, width);
    for (int t = 0; t < width; t++) {
      count++;
      for (int b = 0; b < bands; b++) {
        double x = levels[SliceGeometry.index(width, b, t)];
        double d = x - mean[b];
        mean[b] += d / count;
        m2[b] += d * (x - mean[b]);
      }
    }
    return this;
  }

  /** Folds {@code other} into this (Chan et al. pairwise update); returns this. */
  public NormStats merge(NormStats other) {
    if (other.bands() != bands()) {
      throw new IllegalArgumentException(
          "cannot merge " + other.bands() + " bands into " + bands());
    }
    if (other.count == 0) {
      return this;
    }
    long n = count + other.count;
    for (int b = 0; b < bands(); b++) {
      double d = other.mean[b] - mean[b];
      mean[b] += d * other.count / n;
      m2[b] += other.m2[b] + d * d * ((double) count * other.count / n);
    }
    count = n;
    return this;
  }

  public double[] mean() {
    return mean.clone();
  }

  /** Population std per band, at least {@link #STD_FLOOR}. */
  public double[] std() {
    double[] s = new double[bands()];
    for (int b = 0; b < s.length; b++) {
      double v = count == 0 ? 0 : Math.sqrt(Math.max(0, m2[b] / count));
      s[b] = Math.max(v, STD_FLOOR);
    }
    return s;
  }

  /** Standardises a band-major slice in place. */
  public void normalize(float[] levels, int bands, int width) {
    checkShape(levels, bands, width);
    double[] s = std();
    for (int b = 0; b < bands; b++) {
      for (int t = 0; t < width; t++) {
        int i = SliceGeometry.index(width, b, t);
        levels[i] = (float) ((levels[i] - mean[b]) / s[b]);
      }
    }
  }

  /**
   * {@code norm_stats.json} (beside the slices table, copied into every model directory): the
   * statistics with m2 so they can still be merged, which split and band columns they describe.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record StatsFile(
      int bands,
      @JsonProperty(required = true) long count,
      @JsonProperty(required = true) double[] mean,
      double[] std,
      @JsonProperty(required = true) double[] m2,
      String split,
      @JsonProperty("band_columns") List<String> bandColumns,
      Provenance provenance) {

    public NormStats stats() {
      if (mean.length != m2.length) {
        throw new IllegalArgumentException("norm stats need mean and m2 of equal length");
      }
      NormStats s = new NormStats(mean.length);
      s.count = count;
      System.arraycopy(mean, 0, s.mean, 0, mean.length);
      System.arraycopy(m2, 0, s.m2, 0, m2.length);
      return s;
    }

    public static StatsFile read(Configuration conf, String path) {
      return Json.read(
          conf, path, StatsFile.class, "no normalization statistics (run slice first)");
    }

    public void write(Configuration conf, String path) throws IOException {
      Json.write(conf, path, this);
    }
  }

  /** The file form of these statistics. */
  public StatsFile file(String split, List<String> bandColumns, Provenance provenance) {
    return new StatsFile(
        bands(), count, mean.clone(), std(), m2.clone(), split, bandColumns, provenance);
  }

  private void checkShape(float[] levels, int bands, int width) {
    if (bands != bands() || levels.length != bands * width) {
      throw new IllegalArgumentException(
          "expected "
              + bands()
              + " x "
              + width
              + " levels, got "
              + levels.length
              + " for "
              + bands
              + " bands");
    }
  }
}
