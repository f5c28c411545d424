package org.octave2vec.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResamplerTest {

  /** RMS over the middle of a signal, away from the filter's start-up and tail. */
  static double middleRms(float[] x) {
    return Signals.rms(x, x.length / 4, 3 * x.length / 4);
  }

  @Test
  void equalRatesCopy() {
    float[] x = Signals.white(100, 0.1, 1);
    float[] y = Resampler.resample(x, 32000, 32000);
    assertArrayEquals(x, y);
    assertNotSame(x, y);
  }

  @ParameterizedTest
  @CsvSource({
    "44100,32000,1000",
    "48000,32000,999",
    "8000,32000,7",
    "32000,16000,33",
    "22050,16000,12345"
  })
  void lengthIsRoundedRatio(int from, int to, int n) {
    float[] y = Resampler.resample(new float[n], from, to);
    assertEquals(Math.round((double) n * to / from), y.length);
  }

  @ParameterizedTest
  @CsvSource({"44100", "48000", "8000", "16000", "22050"})
  void toneKeepsItsRms(int from) {
    float[] x = Signals.tone(1000, 0.5, from, 1.0);
    float[] y = Resampler.resample(x, from, 32000);
    double db = 20 * Math.log10(middleRms(y) / middleRms(x));
    assertEquals(0, db, 0.1, "1 kHz gain " + from + " -> 32000");
  }

  @Test
  void toneAboveTargetNyquistIsRemoved() {
    float[] x = Signals.tone(20000, 0.5, 48000, 1.0);
    float[] y = Resampler.resample(x, 48000, 32000);
    double db = 20 * Math.log10(middleRms(y) / middleRms(x));
    assertTrue(db < -60, "20 kHz alias at " + db + " dB");
  }

  @Test
  void toneJustAboveTransitionIsRemoved() {
    // 17 kHz is 1.06 × the 16 kHz target Nyquist: past the transition band, so in the stopband.
    float[] x = Signals.tone(17000, 0.5, 44100, 1.0);
    float[] y = Resampler.resample(x, 44100, 32000);
    double db = 20 * Math.log10(middleRms(y) / middleRms(x));
    assertTrue(db < -60, "17 kHz alias at " + db + " dB");
  }
}
