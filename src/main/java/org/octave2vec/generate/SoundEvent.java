package org.octave2vec.generate;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * One labelled sound source: a spectral shape in dB relative to its peak level, times an envelope
 * over its duration. Each event adds band powers to a frame; the frame's levels are the energetic
 * sum of background and events, so overlapping events mix like real sound.
 */
final class SoundEvent {
  /** Labels, in the order of {@code labels.csv} codes. */
  enum Kind {
    TRAFFIC,
    VOICE,
    BIRD,
    RAIN,
    WIND,
    SIREN,
    DOG;

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  static final double FRAME_S = GenerateOptions.FRAME_MS / 1000.0;
  private static final double LN10_10 = Math.log(10) / 10;

  final Kind kind;

  /** First frame and one past the last, as frame indices from the sensor's start. */
  final int start;

  final int end;

  /** Band powers at envelope 0 dB; null for birds, whose shape moves. */
  private final double[] shapePower;

  private final double levelDb;

  /** Kind-specific envelope parameters (rates, phases, depths, bird start/end log2 frequency). */
  private final double p1;

  private final double p2;
  private final double p3;
  private final double p4;

  private SoundEvent(
      Kind kind,
      int start,
      int end,
      double[] shapePower,
      double levelDb,
      double p1,
      double p2,
      double p3,
      double p4) {
    this.kind = kind;
    this.start = start;
    this.end = end;
    this.shapePower = shapePower;
    this.levelDb = levelDb;
    this.p1 = p1;
    this.p2 = p2;
    this.p3 = p3;
    this.p4 = p4;
  }

  /** Draws duration, level and shape of an event starting at frame {@code start}. */
  static SoundEvent draw(
      Kind kind, int start, int frames, double[] centresHz, SplittableRandom rng) {
    Drawn d =
        switch (kind) {
          case TRAFFIC -> traffic(centresHz, rng);
          case VOICE -> voice(centresHz, rng);
          case BIRD -> bird(rng);
          case RAIN -> rain(centresHz, rng);
          case WIND -> wind(centresHz, rng);
          case SIREN -> siren(rng);
          case DOG -> dog(centresHz, rng);
        };
    int dur = (int) Math.max(1, Math.round(d.durS() / FRAME_S));
    double[] power = null;
    if (d.shapeDb() != null) {
      // each source its own timbre (this car, this voice, this dog): a smooth random curve of up
      // to ±4 dB over log frequency on top of its kind's shape, drawn after the kind's own draws
      double[] timbre = timbre(centresHz, rng);
      power = new double[d.shapeDb().length];
      for (int b = 0; b < power.length; b++) {
        power[b] = Math.exp((d.level() + d.shapeDb()[b] + timbre[b]) * LN10_10);
      }
    }
    return new SoundEvent(
        kind,
        start,
        Math.min(frames, start + dur),
        power,
        d.level(),
        d.p1(),
        d.p2(),
        d.p3(),
        d.p4());
  }

  /**
   * What one kind draws, in its stream's order: duration (s), level (dB), shape (dB per band; null
   * for birds) and envelope parameters (0 where unused).
   */
  private record Drawn(
      double durS, double level, double[] shapeDb, double p1, double p2, double p3, double p4) {}

  private static Drawn traffic(double[] centresHz, SplittableRandom rng) {
    double durS = uniform(rng, 3, 12);
    double level = uniform(rng, 46, 74);
    // Heavy vehicles reach lower; light ones are brighter.
    double lo = uniform(rng, 40, 80);
    double hi = uniform(rng, 1500, 2500);
    double[] shapeDb = new double[centresHz.length];
    for (int b = 0; b < centresHz.length; b++) {
      shapeDb[b] = bandPass(centresHz[b], lo, hi, 6, 9);
    }
    return new Drawn(durS, level, shapeDb, 0, 0, 0, 0);
  }

  private static Drawn voice(double[] centresHz, SplittableRandom rng) {
    double durS = uniform(rng, 1, 6);
    double level = uniform(rng, 40, 66);
    double peak = uniform(rng, 300, 900);
    double[] shapeDb = new double[centresHz.length];
    for (int b = 0; b < centresHz.length; b++) {
      shapeDb[b] =
          bandPass(centresHz[b], 200, 4000, 15, 12) - 1.5 * Math.abs(log2(centresHz[b] / peak));
    }
    double p1 = uniform(rng, 3, 5); // syllables per second
    double p2 = uniform(rng, 0, 2 * Math.PI);
    double p3 = uniform(rng, 4, 10); // modulation depth, dB
    return new Drawn(durS, level, shapeDb, p1, p2, p3, 0);
  }

  /** A chirp: start and end log2 frequency in 2–8 kHz, at most an octave apart; no fixed shape. */
  private static Drawn bird(SplittableRandom rng) {
    double durS = uniform(rng, 0.3, 3);
    double level = uniform(rng, 35, 66);
    double p1 = uniform(rng, log2(2000), log2(8000));
    double p2 = Math.max(log2(2000), Math.min(log2(8000), p1 + uniform(rng, -1, 1)));
    return new Drawn(durS, level, null, p1, p2, 0, 0);
  }

  private static Drawn rain(double[] centresHz, SplittableRandom rng) {
    double durS = uniform(rng, 60, 600);
    double level = uniform(rng, 30, 52);
    double[] shapeDb = new double[centresHz.length];
    for (int b = 0; b < centresHz.length; b++) {
      shapeDb[b] =
          bandPass(centresHz[b], 1000, 20000, 6, 0) - 1.0 * Math.max(0, log2(centresHz[b] / 1000));
    }
    return new Drawn(durS, level, shapeDb, 0, 0, 0, 0);
  }

  private static Drawn wind(double[] centresHz, SplittableRandom rng) {
    double durS = uniform(rng, 30, 300);
    double level = uniform(rng, 45, 74);
    double[] shapeDb = new double[centresHz.length];
    for (int b = 0; b < centresHz.length; b++) {
      shapeDb[b] = bandPass(centresHz[b], 1, uniform(rng, 100, 160), 0, 15);
    }
    double p1 = uniform(rng, 0.03, 0.1); // slow and fast gust rates, Hz
    double p2 = uniform(rng, 0.1, 0.4);
    double p3 = uniform(rng, 0, 2 * Math.PI);
    double p4 = uniform(rng, 0, 2 * Math.PI);
    return new Drawn(durS, level, shapeDb, p1, p2, p3, p4);
  }

  /**
   * An emergency siren's wail: a tone (and its second harmonic 8 dB down) sweeping up and down
   * between two frequencies, one cycle every 1–3 s; no fixed shape.
   */
  private static Drawn siren(SplittableRandom rng) {
    double durS = uniform(rng, 3, 10);
    double level = uniform(rng, 44, 68);
    double lo = log2(uniform(rng, 550, 850));
    double hi = lo + uniform(rng, 0.6, 1.2);
    double period = uniform(rng, 1, 3);
    double phase = uniform(rng, 0, 2 * Math.PI);
    return new Drawn(durS, level, null, lo, hi, period, phase);
  }

  /** A dog barking: bursts of 0.1–0.25 s every 0.35–0.9 s, mid-band, with a pitch peak. */
  private static Drawn dog(double[] centresHz, SplittableRandom rng) {
    double durS = uniform(rng, 1.5, 5);
    double level = uniform(rng, 46, 70);
    double peak = uniform(rng, 500, 1200);
    double[] shapeDb = new double[centresHz.length];
    for (int b = 0; b < centresHz.length; b++) {
      shapeDb[b] =
          bandPass(centresHz[b], 250, 3000, 12, 10) - 3.0 * Math.abs(log2(centresHz[b] / peak));
    }
    double p1 = uniform(rng, 0.35, 0.9); // seconds between barks
    double p2 = uniform(rng, 0.1, 0.25); // bark length
    double p3 = uniform(rng, 0, 1); // phase, in periods
    return new Drawn(durS, level, shapeDb, p1, p2, p3, 0);
  }

  /** Adds this event's band powers at {@code frame} (start <= frame < end) to {@code power}. */
  void addPower(int frame, double[] centresHz, double[] power) {
    double dur = (end - start) * FRAME_S;
    double t = (frame - start + 0.5) * FRAME_S;
    double u = t / dur;
    if (kind == Kind.BIRD) {
      double fc = Math.pow(2, p1 + (p2 - p1) * u);
      double env = -6 * (2 * u - 1) * (2 * u - 1);
      for (int b = 0; b < power.length; b++) {
        power[b] += Math.exp((levelDb + env + narrowBand(centresHz[b], fc)) * LN10_10);
      }
      return;
    }
    if (kind == Kind.SIREN) {
      double sweep = 0.5 - 0.5 * Math.cos(2 * Math.PI * t / p3 + p4);
      double fc = Math.pow(2, p1 + (p2 - p1) * sweep);
      double env = fade(t, dur, 0.5);
      for (int b = 0; b < power.length; b++) {
        double tone = Math.max(narrowBand(centresHz[b], fc), narrowBand(centresHz[b], 2 * fc) - 8);
        power[b] += Math.exp((levelDb + env + tone) * LN10_10);
      }
      return;
    }
    double envDb =
        switch (kind) {
          case TRAFFIC -> passBy(u);
          case VOICE -> syllabic(t, p1, p2, p3) + fade(t, dur, 0.25);
          case RAIN -> fade(t, dur, 20);
          case WIND -> gusts(t, p1, p2, p3, p4) + fade(t, dur, 5);
          case DOG -> barks(t, p1, p2, p3);
          default -> 0;
        };
    double gain = Math.exp(envDb * LN10_10);
    for (int b = 0; b < power.length; b++) {
      power[b] += shapePower[b] * gain;
    }
  }

  /** Three random cosines over log frequency, at most ±4 dB in all: one source's colouring. */
  static double[] timbre(double[] centresHz, SplittableRandom rng) {
    double[] t = new double[centresHz.length];
    for (int k = 1; k <= 3; k++) {
      double amp = uniform(rng, 0, 4.0 / 3);
      double phase = uniform(rng, 0, 2 * Math.PI);
      double cycles = uniform(rng, 0.05, 0.3) * k; // cycles per octave
      for (int b = 0; b < t.length; b++) {
        t[b] += amp * Math.cos(2 * Math.PI * cycles * log2(centresHz[b] / 1000) + phase);
      }
    }
    return t;
  }

  /** Flat between lo and hi, falling by the given dB per octave outside. */
  static double bandPass(double f, double lo, double hi, double slopeLo, double slopeHi) {
    if (f < lo) {
      return -slopeLo * log2(lo / f);
    }
    return f > hi ? -slopeHi * log2(f / hi) : 0;
  }

  /** About 15 dB down one third-octave from the centre, floored so far bands stay finite. */
  static double narrowBand(double f, double fc) {
    double thirds = 3 * log2(f / fc);
    return Math.max(-80, -15 * thirds * thirds);
  }

  /** Vehicle passing a microphone: 0 dB at closest approach, about -10 dB at the ends. */
  static double passBy(double u) {
    double x = 6 * (u - 0.5);
    return -10 * Math.log10(1 + x * x);
  }

  /** Speech-like amplitude modulation between -depth and 0 dB at a syllable rate. */
  static double syllabic(double t, double rateHz, double phase, double depthDb) {
    return depthDb * (0.5 * (1 + Math.cos(2 * Math.PI * rateHz * t + phase)) - 1);
  }

  /**
   * Barks: 0 dB for {@code lengthS} at the start of every {@code periodS} (shifted by {@code phase}
   * periods), averaged over the 125-ms frame around {@code t}, else −30 dB.
   */
  static double barks(double t, double periodS, double lengthS, double phase) {
    double on = 0;
    int n = 8;
    for (int k = 0; k < n; k++) {
      double u = t - FRAME_S / 2 + FRAME_S * (k + 0.5) / n;
      double x = u / periodS + phase;
      on += x - Math.floor(x) < lengthS / periodS ? 1 : 0;
    }
    return 10 * Math.log10(Math.max(1e-3, on / n));
  }

  /** Two incommensurate slow sines: gusts between about -15 and +5 dB. */
  static double gusts(double t, double f1, double f2, double ph1, double ph2) {
    return 5 * (Math.sin(2 * Math.PI * f1 * t + ph1) + Math.sin(2 * Math.PI * f2 * t + ph2)) - 5;
  }

  /** Linear fade in and out over {@code rampS}, in dB (floored at -30). */
  static double fade(double t, double dur, double rampS) {
    double x = Math.min(1, Math.min(t, dur - t) / Math.min(rampS, dur / 2));
    return 10 * Math.log10(Math.max(1e-3, x));
  }

  static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }

  static double uniform(SplittableRandom rng, double lo, double hi) {
    return lo + rng.nextDouble() * (hi - lo);
  }
}
