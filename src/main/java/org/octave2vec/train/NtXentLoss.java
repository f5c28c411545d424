package org.octave2vec.train;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * NT-Xent (SimCLR; COLA uses the same softmax over in-batch candidates) on a [2n, d] output whose
 * rows 2i and 2i+1 are two views of one item. With z the L2-normalised rows and s_ij = z_i·z_j / τ,
 * row i scores l_i = −s_{i,p(i)} + log Σ_{j≠i} exp(s_ij), p(i) = i xor 1: the cross-entropy of
 * finding its pair among the 2n − 1 other rows. Chance is log(2n − 1).
 *
 * <p>The gradient is written by hand: SameDiff's autodiff in DL4J 1.0.0-M2 returns zero gradients
 * for losses whose rows interact (docs/stack.md). With G_ij = softmax_j(s_i·)[j≠i] − [j = p(i)],
 * dL/dZ = (G + Gᵀ) Z / τ, then through the normalisation dL/dh_i = (dz_i − z_i (z_i·dz_i)) / ‖h_i‖.
 * As DL4J expects, the score is the sum over rows (DL4J divides by the minibatch) and the gradient
 * is that of the sum. Labels are ignored; a mask is not supported.
 *
 * <p>Under parameter averaging each worker's minibatch is its own set of negatives: the number of
 * negatives is the per-worker batch, not the global one.
 */
public final class NtXentLoss implements ILossFunction {
  private static final long serialVersionUID = 1L;
  public static final double DEFAULT_TEMPERATURE = 0.1;
  private static final double EPS = 1e-8;

  @JsonProperty("temperature")
  private double temperature;

  public NtXentLoss() {
    this(DEFAULT_TEMPERATURE);
  }

  public NtXentLoss(@JsonProperty("temperature") double temperature) {
    if (!(temperature > 0)) {
      throw new IllegalArgumentException("temperature must be > 0: " + temperature);
    }
    this.temperature = temperature;
  }

  public double getTemperature() {
    return temperature;
  }

  /**
   * Per-row losses [2n, 1], the softmax matrix G and the normalised rows, for score and gradient.
   */
  private record Forward(INDArray rowLoss, INDArray g, INDArray z, INDArray norms) {}

  private Forward forward(INDArray out) {
    long n = out.rows();
    if (n < 2 || n % 2 != 0) {
      throw new IllegalArgumentException(
          "NT-Xent needs an even number of rows (pairs 2i, 2i+1), got " + n);
    }
    INDArray norms = out.norm2(1).reshape(n, 1).addi(EPS);
    INDArray z = out.divColumnVector(norms);
    INDArray s = z.mmul(z.transpose()).divi(temperature);
    for (long i = 0; i < n; i++) {
      s.putScalar(i, i, Double.NEGATIVE_INFINITY); // a row is not its own candidate
    }
    INDArray max = s.max(1).reshape(n, 1);
    INDArray e = Transforms.exp(s.subColumnVector(max), false);
    INDArray sum = e.sum(1).reshape(n, 1);
    INDArray lse = Transforms.log(sum, true).addi(max);
    INDArray rowLoss = Nd4j.create(out.dataType(), n, 1);
    INDArray g = e.diviColumnVector(sum); // softmax over j != i (exp(-inf) = 0 on the diagonal)
    for (long i = 0; i < n; i++) {
      long p = i ^ 1;
      rowLoss.putScalar(i, 0, lse.getDouble(i, 0) - s.getDouble(i, p));
      g.putScalar(i, p, g.getDouble(i, p) - 1);
    }
    return new Forward(rowLoss, g, z, norms);
  }

  private INDArray gradientOf(Forward f) {
    INDArray dz = f.g().add(f.g().transpose()).mmul(f.z()).divi(temperature);
    INDArray radial = f.z().mul(dz).sum(1).reshape(f.z().rows(), 1);
    return dz.subi(f.z().mulColumnVector(radial)).diviColumnVector(f.norms());
  }

  @Override
  public double computeScore(
      INDArray labels,
      INDArray preOutput,
      IActivation activationFn,
      INDArray mask,
      boolean average) {
    INDArray rows = computeScoreArray(labels, preOutput, activationFn, mask);
    double sum = rows.sumNumber().doubleValue();
    return average ? sum / rows.rows() : sum;
  }

  @Override
  public INDArray computeScoreArray(
      INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
    requireNoMask(mask);
    return forward(activationFn.getActivation(preOutput.dup(), true)).rowLoss();
  }

  @Override
  public INDArray computeGradient(
      INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
    requireNoMask(mask);
    INDArray out = activationFn.getActivation(preOutput.dup(), true);
    INDArray dOut = gradientOf(forward(out));
    return activationFn.backprop(preOutput.dup(), dOut).getFirst();
  }

  @Override
  public Pair<Double, INDArray> computeGradientAndScore(
      INDArray labels,
      INDArray preOutput,
      IActivation activationFn,
      INDArray mask,
      boolean average) {
    requireNoMask(mask);
    INDArray out = activationFn.getActivation(preOutput.dup(), true);
    Forward f = forward(out);
    double sum = f.rowLoss().sumNumber().doubleValue();
    INDArray grad = activationFn.backprop(preOutput.dup(), gradientOf(f)).getFirst();
    return new Pair<>(average ? sum / out.rows() : sum, grad);
  }

  private static void requireNoMask(INDArray mask) {
    if (mask != null) {
      throw new UnsupportedOperationException("NT-Xent takes no mask: every row has its pair");
    }
  }

  @Override
  public String name() {
    return "NtXent(" + temperature + ")";
  }

  @Override
  public String toString() {
    return name();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NtXentLoss l && Double.compare(l.temperature, temperature) == 0;
  }

  @Override
  public int hashCode() {
    return Double.hashCode(temperature);
  }
}
