package org.octave2vec.generate;

import java.util.SplittableRandom;

/**
 * Which frame slots of one sensor get a row at all. Outages are placed first, apart from each other
 * and from the range ends so each one is a visible gap; then single frames are dropped only between
 * two present frames, so a drop is always exactly one missing frame.
 */
final class SensorTimeline {
  static final byte PRESENT = 0;
  static final byte DROPPED = 1;
  static final byte OUTAGE = 2;

  /** Outage lengths: 5 s … 10 min in 125 ms frames, log-uniform so short ones are common. */
  static final int MIN_OUTAGE_FRAMES = 40;

  static final int MAX_OUTAGE_FRAMES = 4800;

  final byte[] state;
  final int outages;
  final long outageFrames;
  final long dropped;

  private SensorTimeline(byte[] state, int outages, long outageFrames, long dropped) {
    this.state = state;
    this.outages = outages;
    this.outageFrames = outageFrames;
    this.dropped = dropped;
  }

  static SensorTimeline build(
      SplittableRandom rng, int frames, double hours, double outagesPerHour, double dropRate) {
    byte[] state = new byte[frames];
    int wanted = poisson(rng, outagesPerHour * hours);
    int placed = 0;
    long outageFrames = 0;
    for (int i = 0; i < wanted; i++) {
      int len = logUniform(rng, MIN_OUTAGE_FRAMES, MAX_OUTAGE_FRAMES);
      // A few tries, then give up: long outages may not fit a short recording.
      for (int attempt = 0; attempt < 20; attempt++) {
        int room = frames - len - 2;
        if (room < 1) {
          break;
        }
        int start = 1 + rng.nextInt(room);
        if (isFree(state, start - 1, start + len + 1)) {
          java.util.Arrays.fill(state, start, start + len, OUTAGE);
          placed++;
          outageFrames += len;
          break;
        }
      }
    }
    long dropped = 0;
    for (int k = 1; k < frames - 1; k++) {
      if (state[k - 1] == PRESENT
          && state[k] == PRESENT
          && state[k + 1] == PRESENT
          && rng.nextDouble() < dropRate) {
        state[k] = DROPPED;
        dropped++;
      }
    }
    return new SensorTimeline(state, placed, outageFrames, dropped);
  }

  /** True when [from, to) is inside the range and all present. */
  static boolean isFree(byte[] state, int from, int to) {
    if (from < 0 || to > state.length) {
      return false;
    }
    for (int k = from; k < to; k++) {
      if (state[k] != PRESENT) {
        return false;
      }
    }
    return true;
  }

  static int logUniform(SplittableRandom rng, int lo, int hi) {
    double l = Math.log(lo) + rng.nextDouble() * (Math.log(hi) - Math.log(lo));
    return (int) Math.min(hi, Math.max(lo, Math.round(Math.exp(l))));
  }

  /** Knuth's method; a normal approximation for large means where exp(-mean) underflows. */
  static int poisson(SplittableRandom rng, double mean) {
    if (mean <= 0) {
      return 0;
    }
    if (mean > 500) {
      return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * rng.nextGaussian()));
    }
    double limit = Math.exp(-mean);
    double p = 1;
    int n = -1;
    do {
      n++;
      p *= rng.nextDouble();
    } while (p > limit);
    return n;
  }
}
