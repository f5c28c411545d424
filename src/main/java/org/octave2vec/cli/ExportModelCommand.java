package org.octave2vec.cli;

import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.octave2vec.export.OnnxExport;
import org.octave2vec.train.EncoderOutput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code export-model}: a model directory's encoder → an ONNX file (no Spark). */
@Command(
    name = "export-model",
    mixinStandardHelpOptions = true,
    description =
        "Write a trained model's encoder as ONNX (opset 13), normalisation included: input "
            + "'levels' float32 [N, 1, bands, W] in dB (the slices table's levels), output "
            + "'embedding' [N, size], what embed writes. See docs/onnx.md.")
public final class ExportModelCommand implements Callable<Integer> {
  @Mixin TrainedModelOption trained;

  @Option(
      names = "--output",
      paramLabel = "FILE",
      description = "The ONNX file to write. Default: MODEL/encoder.onnx.")
  String output;

  @Option(
      names = "--layer",
      paramLabel = "dense|pooled|multiscale",
      converter = ChoiceConverters.LayerChoice.class,
      description =
          "Export this output instead of the model's own choice, as embed --layer does. "
              + "Default: the model's own.")
  EncoderOutput layer;

  @Override
  public Integer call() throws Exception {
    String out = output != null ? output : trained.model + "/encoder.onnx";
    Preflight.model("--model", trained.model);
    Preflight.outputOutsideTables("--output", out);
    OnnxExport.Report r = OnnxExport.run(new Configuration(), trained.model, out, layer);
    System.out.printf(
        "export-model: %s encoder (%s output, %d-d) → %s: input %s [N, 1, %d, %d] dB, %d nodes, %,d bytes%n",
        r.task(),
        r.layer(),
        r.size(),
        r.output(),
        OnnxExport.INPUT,
        r.bands(),
        r.width(),
        r.nodes(),
        r.bytes());
    return 0;
  }
}
