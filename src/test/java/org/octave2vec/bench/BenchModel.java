package org.octave2vec.bench;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.octave2vec.train.Audio2VecModels;
import org.octave2vec.train.EncoderOutput;
import org.octave2vec.train.ModelConfig;
import org.octave2vec.train.Pooling;

/**
 * The model and one random minibatch of a per-step benchmark, from the arguments {@code
 * cbow|gap|contrastive small|reference [width=8] [batch=64] [steps]}, built as PyTorch's side
 * builds them (bench/profile_reference.py {@code setup}); threads set like the jobs ({@link
 * BenchThreads}).
 */
record BenchModel(
    String task,
    String preset,
    int width,
    int batch,
    int steps,
    int threads,
    ModelConfig config,
    ComputationGraph graph,
    INDArray x,
    INDArray y) {

  static BenchModel of(String[] args, int defaultSteps) {
    String task = args[0];
    ModelArgs m = ModelArgs.of(args, 1, 64, defaultSteps);
    String preset = m.preset();
    int w = m.width();
    int batch = m.batch();
    int steps = m.steps();
    int threads = m.threads();
    ModelConfig c = m.config();
    Nd4j.getRandom().setSeed(1);
    if (task.equals("contrastive")) { // as train --task contrastive builds it; batch = pairs
      ModelConfig cc = c.withBatchNorm(true).withPooling(Pooling.MEANMAX, EncoderOutput.POOLED);
      return new BenchModel(
          task,
          preset,
          w,
          batch,
          steps,
          threads,
          cc,
          Audio2VecModels.contrastive(cc, 0.1),
          Nd4j.randn(DataType.FLOAT, 2L * batch, 1, c.bands(), w),
          Nd4j.zeros(DataType.FLOAT, 2L * batch, c.embedding()));
    }
    ComputationGraph g =
        task.equals("gap") ? Audio2VecModels.temporalGap(c) : Audio2VecModels.cbow(c);
    INDArray x =
        task.equals("gap")
            ? Nd4j.rand(DataType.FLOAT, batch, 2, c.bands(), w)
            : Nd4j.randn(DataType.FLOAT, batch, c.contextSlices(), c.bands(), w);
    INDArray y =
        task.equals("gap")
            ? Nd4j.rand(DataType.FLOAT, batch, 1)
            : Nd4j.randn(DataType.FLOAT, batch, 1, c.bands(), w);
    return new BenchModel(task, preset, w, batch, steps, threads, c, g, x, y);
  }

  MultiDataSet minibatch() {
    return new MultiDataSet(x, y);
  }
}
