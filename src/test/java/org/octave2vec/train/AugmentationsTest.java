package org.octave2vec.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.octave2vec.common.SliceGeometry;
import org.octave2vec.samples.ContrastiveSample;

class AugmentationsTest {
  private static final int BANDS = 29;
  private static final int W = 8;
  private static final int HOP = 4;

  /** Slices of 3 runs whose level at (band b, frame f of the run) is 40 + b + f / 10 dB. */
  private static BatchAssembler assembler() {
    BatchAssembler.SliceStore store =
        new BatchAssembler.SliceStore(null, SliceGeometry.of(BANDS, W, HOP));
    for (int run = 0; run < 3; run++) {
      for (int s = 0; s < 6; s++) {
        float[] v = new float[BANDS * W];
        for (int b = 0; b < BANDS; b++) {
          for (int t = 0; t < W; t++) {
            v[b * W + t] = 40 + b + (s * HOP + t) / 10f + run;
          }
        }
        store.put("r" + run, 0, s, v);
      }
    }
    return new BatchAssembler(store);
  }

  private static List<ContrastiveSample> batch() {
    List<ContrastiveSample> b = new ArrayList<>();
    for (int run = 0; run < 3; run++) {
      b.add(new ContrastiveSample("r" + run, 0, "train", 1, 3, 4, 0, 0));
    }
    return b;
  }

  @Test
  void aCropAtAnyFrameOffsetReadsTheRightFrames() {
    float[] c = assembler().crop("r0", 0, 1, 3); // frames 7 .. 14 of the run
    for (int b = 0; b < BANDS; b++) {
      for (int t = 0; t < W; t++) {
        assertEquals(40 + b + (7 + t) / 10f, c[b * W + t], 1e-5, "band " + b + " frame " + t);
      }
    }
  }

  @Test
  void levelChangesHaveTheirKnownValues() {
    float[] x = new float[3 * 2];
    Augmentations.gainAndTilt(x, 3, 2, 2, 3);
    assertArrayEquals(new float[] {-1, -1, 2, 2, 5, 5}, x, 1e-6f);
    float[] a = {0, 60};
    Augmentations.mix(a, new float[] {10, 60}, 0.5);
    assertEquals(10 * Math.log10(0.5 + 0.5 * 10), a[0], 1e-5);
    assertEquals(60, a[1], 1e-4, "mixing a level with itself keeps it");
  }

  @Test
  void theSameSeedGivesTheSameBatchAndAnotherSeedAnother() {
    BatchAssembler a = assembler();
    Augmentations aug = Augmentations.defaults();
    MultiDataSet one = a.contrastive(batch(), null, aug, 7, 16);
    MultiDataSet two = a.contrastive(batch(), null, aug, 7, 16);
    MultiDataSet other = a.contrastive(batch(), null, aug, 8, 16);
    assertEquals(one.getFeatures(0), two.getFeatures(0));
    assertNotEquals(one.getFeatures(0), other.getFeatures(0));
    assertArrayEquals(new long[] {6, 1, BANDS, W}, one.getFeatures(0).shape());
    assertArrayEquals(new long[] {6, 16}, one.getLabels(0).shape());
  }

  @Test
  void withoutAugmentationTheRowsAreTheCropsInPairOrder() {
    BatchAssembler a = assembler();
    INDArray x =
        a.contrastive(batch(), null, Augmentations.none(), 1, 4)
            .getFeatures(0)
            .reshape(6, BANDS * W);
    for (int i = 0; i < 3; i++) {
      assertArrayEquals(a.crop("r" + i, 0, 1, 3), x.getRow(2 * i).dup().data().asFloat(), 0f);
      assertArrayEquals(a.crop("r" + i, 0, 4, 0), x.getRow(2 * i + 1).dup().data().asFloat(), 0f);
    }
  }

  /**
   * For 20 seeds, each view's zeroed bands ({@code byFrame} false) or frames (true) under {@code
   * aug}, against the same views unmasked; asserts that every other band or frame is unchanged.
   */
  private static List<List<Integer>> zeroedUnits(Augmentations aug, boolean byFrame) {
    BatchAssembler a = assembler();
    INDArray plain =
        a.contrastive(batch(), null, Augmentations.none(), 3, 4)
            .getFeatures(0)
            .reshape(6, BANDS * W);
    List<List<Integer>> out = new ArrayList<>();
    for (long seed = 0; seed < 20; seed++) {
      INDArray masked =
          a.contrastive(batch(), null, aug, seed, 4).getFeatures(0).reshape(6, BANDS * W);
      for (int v = 0; v < 6; v++) {
        float[] p = plain.getRow(v).dup().data().asFloat();
        float[] m = masked.getRow(v).dup().data().asFloat();
        List<Integer> zeroed = new ArrayList<>();
        for (int u = 0; u < (byFrame ? W : BANDS); u++) {
          boolean allZero = true;
          boolean same = true;
          for (int o = 0; o < (byFrame ? BANDS : W); o++) {
            int i = byFrame ? o * W + u : u * W + o;
            allZero &= m[i] == 0f;
            same &= m[i] == p[i];
          }
          assertTrue(allZero || same, (byFrame ? "frame " : "band ") + u + " is partly changed");
          if (allZero) {
            zeroed.add(u);
          }
        }
        out.add(zeroed);
      }
    }
    return out;
  }

  @Test
  void maskingZeroesOneToThreeWholeBandsAndNothingElse() {
    java.util.Set<Integer> counts = new java.util.TreeSet<>();
    for (List<Integer> zeroed : zeroedUnits(new Augmentations(0, 0, 0, 0, 3, 0), false)) {
      assertTrue(zeroed.size() >= 1 && zeroed.size() <= 3, "zeroed " + zeroed);
      counts.add(zeroed.size());
    }
    assertEquals(java.util.Set.of(1, 2, 3), counts, "every count from 1 to 3 occurs");
  }

  @Test
  void timeMaskingZeroesOneRunOfOneToThreeFramesInEveryBandAndNothingElse() {
    java.util.Set<Integer> lengths = new java.util.TreeSet<>();
    for (List<Integer> zeroed : zeroedUnits(new Augmentations(0, 0, 0, 0, 0, 3), true)) {
      int k = zeroed.size();
      assertTrue(k >= 1 && k <= 3, "zeroed frames " + zeroed);
      assertEquals(k - 1, zeroed.get(k - 1) - zeroed.get(0), "one run: " + zeroed);
      lengths.add(k);
    }
    assertEquals(java.util.Set.of(1, 2, 3), lengths, "every length from 1 to 3 occurs");
  }

  @Test
  void aConfigWrittenBeforeTimeMaskingReadsAsNone() throws Exception {
    Augmentations old =
        org.octave2vec.common.Json.MAPPER.readValue(
            "{\"gainDb\":3,\"tiltDb\":3,\"mixProbability\":0.5,\"mixMax\":0.3,\"maskBands\":3}",
            Augmentations.class);
    assertEquals(new Augmentations(3, 3, 0.5, 0.3, 3, 0), old);
  }

  @Test
  void frameLevelsRemovedLeaveOnlyEachFramesShapeAtTheViewsMeanLevel() {
    int bands = 3;
    int width = 2;
    // band-major: frame 0 = (10, 20, 30), frame 1 = (40, 50, 60)
    float[] x = {10, 40, 20, 50, 30, 60};
    Augmentations.frameLevelsRemoved(x, bands, width);
    // the view's mean (35) is every frame's mean now; the shape within a frame is kept
    assertArrayEquals(new float[] {25, 25, 35, 35, 45, 45}, x, 1e-5f);
    // off by default, and a config written before it reads as off
    assertEquals(0.0, Augmentations.defaults().frameNorm());
    assertEquals(0.0, new Augmentations(3, 3, 0.5, 0.3, 3, 0).frameNorm());
    // on with probability 1 the assembled views change; at 0 they are the plain views
    BatchAssembler a = assembler();
    INDArray plain = a.contrastive(batch(), null, Augmentations.none(), 3, 4).getFeatures(0);
    INDArray zero =
        a.contrastive(batch(), null, new Augmentations(0, 0, 0, 0, 0, 0, 0), 3, 4).getFeatures(0);
    INDArray normed =
        a.contrastive(batch(), null, new Augmentations(0, 0, 0, 0, 0, 0, 1), 3, 4).getFeatures(0);
    assertEquals(plain, zero);
    assertNotEquals(plain, normed);
  }

  @Test
  void gainAndTiltShiftEachBandByOneAmountWithinTheirBounds() {
    BatchAssembler a = assembler();
    INDArray plain =
        a.contrastive(batch(), null, Augmentations.none(), 3, 4)
            .getFeatures(0)
            .reshape(6, BANDS * W);
    INDArray aug =
        a.contrastive(batch(), null, new Augmentations(3, 3, 0, 0, 0, 0), 3, 4)
            .getFeatures(0)
            .reshape(6, BANDS * W);
    for (int v = 0; v < 6; v++) {
      float[] d = aug.getRow(v).dup().subi(plain.getRow(v)).data().asFloat();
      double low = d[0];
      double high = d[(BANDS - 1) * W];
      assertTrue(Math.abs(low) <= 6 + 1e-4 && Math.abs(high) <= 6 + 1e-4);
      for (int b = 0; b < BANDS; b++) {
        double expected = low + (high - low) * b / (BANDS - 1); // linear across bands
        for (int t = 0; t < W; t++) {
          assertEquals(expected, d[b * W + t], 1e-4);
        }
      }
    }
  }
}
