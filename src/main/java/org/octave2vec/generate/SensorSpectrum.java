package org.octave2vec.generate;

import java.util.List;
import java.util.SplittableRandom;
import org.octave2vec.common.BandLayout;

/**
 * One sensor's sound field frame by frame: a sensor-specific background (level, spectral tilt, a
 * small per-band fingerprint), a diurnal cycle, slow random-walk drift, the active events summed
 * energetically, the sensor's own microphone response over all of it (a tilt and a resonance: the
 * same sound reads differently on two sensors), then per-frame measurement noise.
 */
final class SensorSpectrum {
  /** Levels are clamped here so a valid row never looks out of range to an ingest. */
  static final double MIN_DB = -10;

  static final double MAX_DB = 140;
  static final double DIURNAL_DB = 6;

  private static final double LN10_10 = Math.log(10) / 10;

  final double[] centresHz;
  final double[] aWeightDb;
  private final double[] baseDb;
  private final double[] octavesFrom1k;
  private final double[] micGain;
  private final double diurnalShiftH;
  private final double noiseDb;
  private final SplittableRandom rng;
  private final double[] power;
  private double drift;
  private double tiltDrift;

  SensorSpectrum(BandLayout layout, SplittableRandom rng) {
    int n = layout.size();
    this.rng = rng;
    centresHz = new double[n];
    aWeightDb = new double[n];
    baseDb = new double[n];
    octavesFrom1k = new double[n];
    power = new double[n];
    micGain = new double[n];
    // a street's background: 38–52 dB at 1 kHz, so quieter events sit near or under it
    double level1k = SoundEvent.uniform(rng, 38, 52);
    double tilt = SoundEvent.uniform(rng, -4.5, -2); // dB per octave: more low-frequency energy
    double humDb = rng.nextDouble() < 0.5 ? SoundEvent.uniform(rng, 3, 10) : 0;
    for (int b = 0; b < n; b++) {
      double f = layout.nominalCentreHz(b);
      centresHz[b] = f;
      aWeightDb[b] = aWeighting(f);
      octavesFrom1k[b] = SoundEvent.log2(f / 1000);
      // Fingerprint: a little per-band unevenness, mains hum on some sensors, mic roll-off.
      double hum = f == 50 || f == 100 ? humDb : 0;
      double rollOff = f > 8000 ? -3 * SoundEvent.log2(f / 8000) : 0;
      baseDb[b] = level1k + tilt * octavesFrom1k[b] + 1.2 * rng.nextGaussian() + hum + rollOff;
    }
    // the microphone: ±1 dB per octave around 1 kHz and a 0–4 dB resonance at 2–8 kHz
    double micTilt = SoundEvent.uniform(rng, -1, 1);
    double resonance = SoundEvent.log2(SoundEvent.uniform(rng, 2000, 8000) / 1000);
    double resonanceDb = SoundEvent.uniform(rng, 0, 4);
    for (int b = 0; b < n; b++) {
      double d = (octavesFrom1k[b] - resonance) / 0.5;
      double db = micTilt * octavesFrom1k[b] + resonanceDb * Math.exp(-d * d);
      micGain[b] = Math.exp(db * LN10_10);
    }
    diurnalShiftH = SoundEvent.uniform(rng, -1, 1);
    noiseDb = SoundEvent.uniform(rng, 0.5, 1.0);
  }

  /** Fills {@code outDb} with the band levels of the next frame; call once per frame slot. */
  void nextFrame(long epochMs, int frame, List<SoundEvent> active, double[] outDb) {
    double hour = EventSchedule.hourOfDay(epochMs);
    // Quietest around 03:00, loudest around 15:00 (UTC, shifted per sensor).
    double diurnal = DIURNAL_DB * Math.sin(2 * Math.PI * (hour - 9 - diurnalShiftH) / 24);
    // Mean-reverting random walks: about 1.4 dB level and 0.2 dB/octave tilt wander.
    drift = drift * (1 - 1e-4) + 0.02 * rng.nextGaussian();
    tiltDrift = tiltDrift * (1 - 1e-4) + 0.003 * rng.nextGaussian();
    double common = diurnal + drift;
    for (int b = 0; b < power.length; b++) {
      power[b] = Math.exp((baseDb[b] + common + tiltDrift * octavesFrom1k[b]) * LN10_10);
    }
    for (SoundEvent e : active) {
      e.addPower(frame, centresHz, power);
    }
    for (int b = 0; b < power.length; b++) {
      double l = 10 * Math.log10(power[b] * micGain[b]) + noiseDb * rng.nextGaussian();
      outDb[b] = Math.max(MIN_DB, Math.min(MAX_DB, l));
    }
  }

  /** IEC 61672 A-weighting in dB at frequency f. */
  static double aWeighting(double f) {
    double f2 = f * f;
    double ra =
        12194.0
            * 12194.0
            * f2
            * f2
            / ((f2 + 20.6 * 20.6)
                * Math.sqrt((f2 + 107.7 * 107.7) * (f2 + 737.9 * 737.9))
                * (f2 + 12194.0 * 12194.0));
    return 20 * Math.log10(ra) + 2.00;
  }

  /** A-weighted energetic sum of band levels: L = 10 log10 Σ 10^((Lb + Ab) / 10). */
  static double laeq(double[] levelsDb, double[] aWeightDb) {
    double sum = 0;
    for (int b = 0; b < levelsDb.length; b++) {
      sum += Math.exp((levelsDb[b] + aWeightDb[b]) * LN10_10);
    }
    return 10 * Math.log10(sum);
  }
}
