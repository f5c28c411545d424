package org.octave2vec.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.octave2vec.common.SliceGeometry;
import org.octave2vec.common.Task;
import org.octave2vec.common.UserException;
import org.octave2vec.samples.ContextSample;

/**
 * {@code train --target residual}: the CBoW label is the target slice minus the per-band mean of
 * its 2P context slices, at every band and frame; the features and the default target are
 * unchanged. Spark-free: a literal minibatch of 2 samples, 3 bands × 2 frames, P = 2.
 */
class BatchAssemblerResidualTest {
  private static final int BANDS = 3;
  private static final int W = 2;

  /**
   * Slice s of run r: band b, frame t → 100 r + 10 s + b² + t (the context mean differs per band).
   */
  private static float[] slice(int run, int s) {
    float[] v = new float[BANDS * W];
    for (int b = 0; b < BANDS; b++) {
      for (int t = 0; t < W; t++) {
        v[b * W + t] = 100 * run + 10 * s + b * b + t * (s % 3) + 0.5f * t;
      }
    }
    return v;
  }

  private static BatchAssembler assembler() {
    BatchAssembler.SliceStore store =
        new BatchAssembler.SliceStore(null, SliceGeometry.of(BANDS, W, W));
    for (int run = 0; run < 2; run++) {
      for (int s = 0; s < 5; s++) {
        store.put("s1", run, s, slice(run, s));
      }
    }
    return new BatchAssembler(store);
  }

  private static final List<ContextSample> BATCH =
      List.of(
          new ContextSample("s1", 0, "train", 2, new int[] {0, 1, 3, 4}),
          new ContextSample("s1", 1, "train", 1, new int[] {0, 2, 3, 4}));

  @Test
  void residualIsTargetMinusPerBandContextMean() {
    BatchAssembler a = assembler();
    MultiDataSet plain = a.cbow(BATCH);
    MultiDataSet res = a.cbow(BATCH, true);
    assertArrayEquals(plain.getFeatures(0).shape(), res.getFeatures(0).shape());
    assertEquals(plain.getFeatures(0), res.getFeatures(0), "features unchanged");
    assertArrayEquals(new long[] {2, 1, BANDS, W}, res.getLabels(0).shape());
    for (int i = 0; i < BATCH.size(); i++) {
      ContextSample s = BATCH.get(i);
      float[] target = slice(s.runIndex(), s.target());
      for (int b = 0; b < BANDS; b++) {
        double mean = 0;
        for (int c : s.context()) {
          for (int u = 0; u < W; u++) {
            mean += slice(s.runIndex(), c)[b * W + u];
          }
        }
        mean /= s.context().length * W;
        for (int t = 0; t < W; t++) {
          assertEquals(
              target[b * W + t], plain.getLabels(0).getFloat(i, 0, b, t), 0f, "default: the slice");
          assertEquals(
              target[b * W + t] - mean,
              res.getLabels(0).getFloat(i, 0, b, t),
              1e-5,
              "sample " + i + " band " + b + " frame " + t);
        }
      }
    }
    // a literal check of one cell: run 0, target slice 2, band 1, frame 1: 10·2 + 1 + 1·2 + 0.5 =
    // 23.5;
    // context slices 0, 1, 3, 4 of band 1, frames 0 and 1: mean of 1, 1.5, 11, 12.5, 31, 31.5, 41,
    // 43.5 = 172 / 8 = 21.5 → residual 2
    assertEquals(2.0f, res.getLabels(0).getFloat(0, 0, 1, 1), 1e-5);
  }

  @Test
  void zeroPredictorLossIsTheLabelsMeanSquare() {
    MultiDataSet res = assembler().cbow(BATCH, true);
    double ss = 0;
    for (int i = 0; i < res.getLabels(0).length(); i++) {
      ss += Math.pow(res.getLabels(0).getDouble(i), 2);
    }
    assertEquals(
        ss / res.getLabels(0).length(), TrainData.zeroPredictorLoss(List.of(res)), 1e-6 * ss);
  }

  @Test
  void optionDefaultsToSliceAndIsRecorded() {
    TrainOptions o = TrainOptions.of(Task.CBOW, "t", "m");
    assertEquals(TrainOptions.Target.SLICE, o.target());
    assertEquals(
        "\"slice\"",
        org.octave2vec.common.Json.write(o.target()).trim(),
        "recorded as the option reads");
    TrainOptions r =
        o.withTarget("residual").withRegularization(true, true).withResume(true).validate();
    assertEquals(TrainOptions.Target.RESIDUAL, r.target());
    assertEquals(true, r.residualTarget());
    assertThrows(UserException.class, () -> o.withTarget("delta"));
    assertThrows(
        UserException.class,
        () -> TrainOptions.of(Task.GAP, "t", "m").withTarget("residual").validate());
  }
}
