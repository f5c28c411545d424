package org.octave2vec.train;

import java.util.Collection;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's convolution layer without its second forward pass. In 1.0.0-M2, {@code
 * ConvolutionLayer.backpropGradient} recomputes the pre-activations to differentiate the activation
 * (every convolution ran twice per training step, ≈ 10 % of it: docs/benchmarks.md), and {@code
 * CacheMode} does not keep them for a ComputationGraph. For ReLU the derivative is the same whether
 * taken at the pre-activation or at the output (both are > 0 at the same places), and the
 * identity's ignores it, so this layer hands the forward pass's output to the unchanged backward
 * code instead. Other activations, inference, and the path without oneDNN keep DL4J's behaviour.
 * Same parameters, same JSON but the class name; models saved with the plain layer load as before.
 */
public class ReusingConvolution extends ConvolutionLayer {
  private static final long serialVersionUID = 1L;

  /** For JSON deserialisation. */
  public ReusingConvolution() {
    super();
  }

  /** The configuration {@code builder} describes, with this layer's implementation. */
  public ReusingConvolution(ConvolutionLayer.Builder builder) {
    super(builder);
  }

  /**
   * The same graph configuration with DL4J's own {@code ConvolutionLayer} in place of this one
   * (same parameters and their order): the reference this layer is tested and benchmarked against.
   */
  public static ComputationGraphConfiguration withDl4jLayers(ComputationGraphConfiguration conf) {
    return ComputationGraphConfiguration.fromJson(
        conf.toJson()
            .replace(ReusingConvolution.class.getName(), ConvolutionLayer.class.getName()));
  }

  @Override
  public Layer instantiate(
      NeuralNetConfiguration conf,
      Collection<TrainingListener> listeners,
      int index,
      INDArray paramsView,
      boolean initializeParams,
      DataType dataType) {
    Impl layer = new Impl(conf, dataType);
    layer.setListeners(listeners);
    layer.setIndex(index);
    layer.setParamsViewArray(paramsView);
    Map<String, INDArray> params = initializer().init(conf, paramsView, initializeParams);
    layer.setParamTable(params);
    layer.setConf(conf);
    return layer;
  }

  /** The layer: remembers its training-mode output until the backward pass that follows. */
  static final class Impl extends org.deeplearning4j.nn.layers.convolution.ConvolutionLayer {
    private static final long serialVersionUID = 1L;
    private transient INDArray output;

    Impl(NeuralNetConfiguration conf, DataType dataType) {
      super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
      INDArray a = super.activate(training, workspaceMgr);
      output = training && derivativeFromOutput() ? a : null;
      return a;
    }

    @Override
    protected Pair<INDArray, INDArray> preOutput4d(
        boolean training, boolean forBackprop, LayerWorkspaceMgr workspaceMgr) {
      if (forBackprop && output != null && helper != null) {
        return new Pair<>(output, null); // the oneDNN path needs no im2col array
      }
      return super.preOutput4d(training, forBackprop, workspaceMgr);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(
        INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
      try {
        return super.backpropGradient(epsilon, workspaceMgr);
      } finally {
        output = null;
      }
    }

    @Override
    public void clear() {
      super.clear();
      output = null;
    }

    /** Plain ReLU (no threshold, slope or cap) or identity. */
    private boolean derivativeFromOutput() {
      IActivation f = layerConf().getActivationFn();
      if (f instanceof ActivationIdentity) {
        return true;
      }
      if (f instanceof ActivationReLU) {
        ActivationReLU r = (ActivationReLU) f;
        return r.getMax() == null && zero(r.getThreshold()) && zero(r.getNegativeSlope());
      }
      return false;
    }

    private static boolean zero(Double d) {
      return d == null || d == 0.0;
    }
  }
}
