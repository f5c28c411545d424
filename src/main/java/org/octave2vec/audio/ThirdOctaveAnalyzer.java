package org.octave2vec.audio;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Fast (125 ms) third-octave levels computed the way the CENSE sensors do: 32 kHz audio, frames of
 * 4096 samples under a Tukey(0.2) window, a hop of 4000 samples, FFT power summed over the bins
 * whose frequency lies between each band's edges.
 *
 * <p>Bands: 29 exact base-10 centres fc_i = 1000 · 10^((i − 17)/10), i = 0..28 (19.95 Hz … 12.59
 * kHz, labelled 20 … 12500), edges fc · 10^(±1/20) (IEC 61260). At 7.8125 Hz per bin the 20 Hz band
 * (17.8–22.4 Hz) contains no bin centre; like the sensor's reference code, a band with no bin takes
 * the two bins straddling it, so it is never empty (it then shares a bin with the 25 Hz band).
 *
 * <p>Calibration: per-frame power is normalised by the window's power gain (Parseval: the mean
 * square of a stationary signal is Σ|X_k|² / (N Σ w²), bins 1..N/2−1 counted twice), so a tone's
 * band level is its true RMS level whatever the window. Levels are 10·log10(band mean square / 0.5)
 * + {@code dbfsToSpl}: a full-scale sine (amplitude 1, mean square 0.5) reads {@code dbfsToSpl} dB
 * and a sine of amplitude a reads dbfsToSpl + 20·log10(a).
 *
 * <p>Silence: band mean square is floored at {@link #POWER_FLOOR} (1e-20, i.e. −197 dB re a
 * full-scale sine, −103 dB SPL with the default 94 dB calibration) so that levels stay finite and
 * far below any real sound.
 *
 * <p>Frames: frame k covers samples [4000k, 4000k + 4096); the last frame's 96 missing samples are
 * zeros. So a clip of n samples at 32 kHz gives floor(n / 4000) frames, one per full 125 ms (10.0 s
 * → 80), matching the sensor's one record per 125 ms. The padded samples fall in the Tukey taper's
 * last 96 samples, where the window is below 0.13, so the last frame loses under 0.1 % of its
 * energy.
 */
public final class ThirdOctaveAnalyzer {

  public static final int SAMPLE_RATE = 32000;
  public static final int FRAME_SIZE = 4096;
  public static final int HOP = 4000;
  public static final int FRAME_MS = 125;
  public static final double TUKEY_ALPHA = 0.2;
  public static final int BANDS = 29;

  /** Index of the 1 kHz band. */
  public static final int REFERENCE_BAND = 17;

  /** dB SPL of a 0 dBFS sine unless the caller knows the sensor's calibration. */
  public static final double DEFAULT_DBFS_TO_SPL = 94.0;

  /** Floor on band mean square (full-scale units), so silence gives finite levels. */
  public static final double POWER_FLOOR = 1e-20;

  private static final double[] WINDOW = tukey(FRAME_SIZE, TUKEY_ALPHA);
  private static final int[][] BAND_BINS = bandBins(SAMPLE_RATE, FRAME_SIZE);

  private ThirdOctaveAnalyzer() {}

  /** Exact band centres in Hz, lowest first. */
  public static double[] centresHz() {
    double[] fc = new double[BANDS];
    for (int i = 0; i < BANDS; i++) {
      fc[i] = 1000 * Math.pow(10, (i - REFERENCE_BAND) / 10.0);
    }
    return fc;
  }

  /** Band levels [frame][band] in dB re 20 µPa; resamples to 32 kHz first when needed. */
  public static float[][] analyze(AudioClip clip, double dbfsToSpl) {
    return analyze32k(
        Resampler.resample(clip.samples(), clip.sampleRate(), SAMPLE_RATE), dbfsToSpl);
  }

  /** Band levels [frame][band] of samples already at 32 kHz. */
  public static float[][] analyze32k(float[] x, double dbfsToSpl) {
    int frames = frameCount(x.length);
    float[][] levels = new float[frames][BANDS];
    DoubleFFT_1D fft = new DoubleFFT_1D(FRAME_SIZE);
    double sumW2 = 0;
    for (double w : WINDOW) {
      sumW2 += w * w;
    }
    // Parseval with the window's power gain; one-sided bins count twice.
    double toMeanSquare = 2.0 / (FRAME_SIZE * sumW2);
    double[] buf = new double[FRAME_SIZE];
    for (int k = 0; k < frames; k++) {
      int start = k * HOP;
      int len = Math.min(FRAME_SIZE, x.length - start);
      for (int i = 0; i < FRAME_SIZE; i++) {
        buf[i] = i < len ? x[start + i] * WINDOW[i] : 0;
      }
      fft.realForward(buf);
      for (int b = 0; b < BANDS; b++) {
        double p = 0;
        for (int bin = BAND_BINS[b][0]; bin <= BAND_BINS[b][1]; bin++) {
          double re = buf[2 * bin];
          double im = buf[2 * bin + 1];
          p += re * re + im * im;
        }
        // A full-scale sine has mean square 0.5 and reads dbfsToSpl.
        double meanSquare = Math.max(p * toMeanSquare, POWER_FLOOR);
        levels[k][b] = (float) (10 * Math.log10(meanSquare / 0.5) + dbfsToSpl);
      }
    }
    return levels;
  }

  /** One frame per full 125 ms hop: floor(n / 4000). */
  public static int frameCount(int samplesAt32k) {
    return samplesAt32k / HOP;
  }

  /** Start time of frame k for a clip that starts at {@code startEpochMs}. */
  public static long frameEpochMs(long startEpochMs, int k) {
    return startEpochMs + (long) FRAME_MS * k;
  }

  /** Symmetric Tukey window: cosine tapers over alpha·(n−1)/2 samples at each end, flat between. */
  static double[] tukey(int n, double alpha) {
    double[] w = new double[n];
    double taper = alpha * (n - 1) / 2.0;
    for (int i = 0; i < n; i++) {
      double fromEdge = Math.min(i, n - 1 - i);
      w[i] = fromEdge >= taper ? 1.0 : 0.5 * (1 - Math.cos(Math.PI * fromEdge / taper));
    }
    return w;
  }

  /**
   * First and last FFT bin of each band: bins with k·fs/N inside the edges, or the two bins
   * straddling a band too narrow to hold one.
   */
  static int[][] bandBins(int sampleRate, int fftSize) {
    double binHz = sampleRate / (double) fftSize;
    double[] fc = centresHz();
    int[][] bins = new int[BANDS][];
    for (int b = 0; b < BANDS; b++) {
      int first = (int) Math.ceil(fc[b] * Math.pow(10, -0.05) / binHz);
      int last = (int) Math.floor(fc[b] * Math.pow(10, 0.05) / binHz);
      bins[b] = new int[] {Math.min(first, last), Math.max(first, last)};
    }
    return bins;
  }
}
