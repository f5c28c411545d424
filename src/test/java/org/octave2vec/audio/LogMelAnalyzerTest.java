package org.octave2vec.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LogMelAnalyzerTest {

  @Test
  void shapeFollowsWindowAndHop() {
    float[][] m = LogMelAnalyzer.analyze(new AudioClip(new float[16000], 16000, 1, "test"));
    assertEquals((16000 - 400) / 160 + 1, m.length);
    assertEquals(64, m[0].length);
    // 44.1 kHz input is resampled to 16 kHz first: 1 s still gives 98 frames.
    float[][] r = LogMelAnalyzer.analyze(new AudioClip(new float[44100], 44100, 1, "test"));
    assertEquals(98, r.length);
    assertEquals(0, LogMelAnalyzer.frameCount(399));
    assertEquals(1, LogMelAnalyzer.frameCount(400));
    assertEquals((float) Math.log(1e-6), m[10][20], 1e-6f);
  }

  @Test
  void clickPeaksInTheFrameCentredOnIt() {
    float[] x = new float[16000];
    int frame = 37;
    x[frame * 160 + 200] = 1;
    float[][] m = LogMelAnalyzer.analyze(new AudioClip(x, 16000, 1, "test"));
    double[] energy = new double[m.length];
    for (int k = 0; k < m.length; k++) {
      for (float v : m[k]) {
        energy[k] += Math.exp(v);
      }
    }
    assertEquals(frame, Signals.argmax(energy));
  }

  @ParameterizedTest
  @ValueSource(doubles = {150, 440, 1000, 2500, 5000, 7000})
  void toneLandsInNearestMelBin(double hz) {
    float[][] m =
        LogMelAnalyzer.analyze(new AudioClip(Signals.tone(hz, 0.5, 16000, 0.5), 16000, 1, "t"));
    double[] mean = new double[64];
    for (float[] frame : m) {
      for (int b = 0; b < 64; b++) {
        mean[b] += frame[b] / m.length;
      }
    }
    double[] centres = LogMelAnalyzer.melCentresHz();
    int nearest = 0;
    for (int b = 1; b < 64; b++) {
      if (Math.abs(centres[b] - hz) < Math.abs(centres[nearest] - hz)) {
        nearest = b;
      }
    }
    assertEquals(nearest, Signals.argmax(mean), "tone " + hz + " Hz");
  }

  @Test
  void centresSpanTheConfiguredRange() {
    double[] c = LogMelAnalyzer.melCentresHz();
    assertEquals(64, c.length);
    assertTrue(c[0] > 60 && c[63] < 7800);
    double step = LogMelAnalyzer.hzToMel(c[1]) - LogMelAnalyzer.hzToMel(c[0]);
    for (int i = 2; i < 64; i++) {
      assertEquals(step, LogMelAnalyzer.hzToMel(c[i]) - LogMelAnalyzer.hzToMel(c[i - 1]), 1e-9);
    }
  }
}
