package org.octave2vec.audio;

import java.util.Random;
import org.jtransforms.fft.DoubleFFT_1D;

/** Deterministic synthetic test signals. */
final class Signals {

  private Signals() {}

  static float[] tone(double hz, double amplitude, int rate, double seconds) {
    float[] x = new float[(int) Math.round(rate * seconds)];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / rate + 0.3));
    }
    return x;
  }

  /** Sum of sines, one per (frequency, amplitude) pair. */
  static float[] tones(double[] hz, double[] amplitude, int rate, double seconds) {
    float[] x = new float[(int) Math.round(rate * seconds)];
    for (int t = 0; t < hz.length; t++) {
      float[] one = tone(hz[t], amplitude[t], rate, seconds);
      for (int i = 0; i < x.length; i++) {
        x[i] += one[i];
      }
    }
    return x;
  }

  static float[] white(int n, double rms, long seed) {
    Random r = new Random(seed);
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) (rms * r.nextGaussian());
    }
    return x;
  }

  /**
   * Pink noise by shaping white noise's spectrum with 1/sqrt(f) (power ∝ 1/f); n a power of two.
   */
  static float[] pink(int n, double rms, long seed) {
    Random r = new Random(seed);
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = r.nextGaussian();
    }
    DoubleFFT_1D fft = new DoubleFFT_1D(n);
    fft.realForward(a);
    a[0] = 0;
    a[1] /= Math.sqrt(n / 2.0);
    for (int k = 1; k < n / 2; k++) {
      double g = 1 / Math.sqrt(k);
      a[2 * k] *= g;
      a[2 * k + 1] *= g;
    }
    fft.realInverse(a, true);
    double ss = 0;
    for (double v : a) {
      ss += v * v;
    }
    double gain = rms / Math.sqrt(ss / n);
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) (a[i] * gain);
    }
    return x;
  }

  static double rms(float[] x, int from, int to) {
    double ss = 0;
    for (int i = from; i < to; i++) {
      ss += (double) x[i] * x[i];
    }
    return Math.sqrt(ss / (to - from));
  }

  /** Energetic mean over frames of each band's level, in dB. */
  static double[] meanLevels(float[][] levels) {
    double[] mean = new double[levels[0].length];
    for (int b = 0; b < mean.length; b++) {
      double e = 0;
      for (float[] frame : levels) {
        e += Math.pow(10, frame[b] / 10.0);
      }
      mean[b] = 10 * Math.log10(e / levels.length);
    }
    return mean;
  }

  /** Least-squares slope of y[from..to] against the index. */
  static double slope(double[] y, int from, int to) {
    int n = to - from + 1;
    double mx = (from + to) / 2.0;
    double my = 0;
    for (int i = from; i <= to; i++) {
      my += y[i] / n;
    }
    double sxy = 0;
    double sxx = 0;
    for (int i = from; i <= to; i++) {
      sxy += (i - mx) * (y[i] - my);
      sxx += (i - mx) * (i - mx);
    }
    return sxy / sxx;
  }

  static int argmax(double[] y) {
    int best = 0;
    for (int i = 1; i < y.length; i++) {
      if (y[i] > y[best]) {
        best = i;
      }
    }
    return best;
  }
}
