package org.octave2vec.audio;

import java.util.Arrays;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Log-mel features as in the paper's front end: 16 kHz audio, 25 ms periodic Hann window (400
 * samples) every 10 ms (160 samples), zero-padded to a 512-point FFT, power spectrum |X|² (no
 * scaling, like torchaudio/librosa with power = 2), 64 triangular filters on the HTK mel scale (mel
 * = 2595·log10(1 + f/700)) from 60 to 7800 Hz with unit peak, then natural log(mel + 1e-6).
 *
 * <p>The 1e-6 offset keeps silence finite (log → −13.8) and is the usual choice for float audio in
 * [-1, 1]. Frames: floor((n − 400) / 160) + 1 for n ≥ 400, none otherwise (no padding).
 */
public final class LogMelAnalyzer {

  public static final int SAMPLE_RATE = 16000;
  public static final int WINDOW = 400;
  public static final int HOP = 160;
  public static final int FFT_SIZE = 512;
  public static final int MELS = 64;
  public static final double F_MIN = 60;
  public static final double F_MAX = 7800;
  public static final double LOG_OFFSET = 1e-6;

  private static final double[] HANN = periodicHann(WINDOW);
  private static final double[][] FILTERS = melFilters();

  private LogMelAnalyzer() {}

  /** Log-mel frames [frame][64]; resamples to 16 kHz first when needed. */
  public static float[][] analyze(AudioClip clip) {
    float[] x = Resampler.resample(clip.samples(), clip.sampleRate(), SAMPLE_RATE);
    int frames = frameCount(x.length);
    float[][] out = new float[frames][MELS];
    DoubleFFT_1D fft = new DoubleFFT_1D(FFT_SIZE);
    double[] buf = new double[FFT_SIZE];
    double[] power = new double[FFT_SIZE / 2 + 1];
    for (int k = 0; k < frames; k++) {
      Arrays.fill(buf, 0);
      for (int i = 0; i < WINDOW; i++) {
        buf[i] = x[k * HOP + i] * HANN[i];
      }
      fft.realForward(buf);
      power[0] = buf[0] * buf[0];
      power[FFT_SIZE / 2] = buf[1] * buf[1];
      for (int bin = 1; bin < FFT_SIZE / 2; bin++) {
        power[bin] = buf[2 * bin] * buf[2 * bin] + buf[2 * bin + 1] * buf[2 * bin + 1];
      }
      for (int m = 0; m < MELS; m++) {
        double e = 0;
        for (int bin = 0; bin < power.length; bin++) {
          e += FILTERS[m][bin] * power[bin];
        }
        out[k][m] = (float) Math.log(e + LOG_OFFSET);
      }
    }
    return out;
  }

  /** floor((n − 400) / 160) + 1 frames for n ≥ 400 samples at 16 kHz, else 0. */
  public static int frameCount(int samplesAt16k) {
    return samplesAt16k < WINDOW ? 0 : (samplesAt16k - WINDOW) / HOP + 1;
  }

  /** Centre frequency (peak) of each mel filter in Hz. */
  public static double[] melCentresHz() {
    double[] edges = melEdgesHz();
    double[] c = new double[MELS];
    System.arraycopy(edges, 1, c, 0, MELS);
    return c;
  }

  static double hzToMel(double f) {
    return 2595 * Math.log10(1 + f / 700);
  }

  static double melToHz(double mel) {
    return 700 * (Math.pow(10, mel / 2595) - 1);
  }

  /** MELS + 2 points equally spaced in mel from F_MIN to F_MAX. */
  static double[] melEdgesHz() {
    double lo = hzToMel(F_MIN);
    double hi = hzToMel(F_MAX);
    double[] edges = new double[MELS + 2];
    for (int i = 0; i < edges.length; i++) {
      edges[i] = melToHz(lo + (hi - lo) * i / (MELS + 1));
    }
    return edges;
  }

  /** Triangular filters [mel][bin], rising from edge m to peak m+1 and falling to edge m+2. */
  static double[][] melFilters() {
    double[] edges = melEdgesHz();
    double[][] w = new double[MELS][FFT_SIZE / 2 + 1];
    for (int m = 0; m < MELS; m++) {
      for (int bin = 0; bin <= FFT_SIZE / 2; bin++) {
        double f = bin * (double) SAMPLE_RATE / FFT_SIZE;
        double up = (f - edges[m]) / (edges[m + 1] - edges[m]);
        double down = (edges[m + 2] - f) / (edges[m + 2] - edges[m + 1]);
        w[m][bin] = Math.max(0, Math.min(up, down));
      }
    }
    return w;
  }

  /** Periodic Hann (as torch.hann_window), the usual choice for STFT analysis. */
  static double[] periodicHann(int n) {
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      w[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / n);
    }
    return w;
  }
}
