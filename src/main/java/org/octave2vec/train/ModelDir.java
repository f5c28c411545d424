package org.octave2vec.train;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.octave2vec.common.Json;
import org.octave2vec.common.LinePlot;
import org.octave2vec.common.TableRoot;

/**
 * The model directory (local, hdfs:// or s3a://): {@code model.zip} (DL4J, with the Adam state),
 * {@code config.json}, {@code norm_stats.json}, {@code loss_history.csv} and {@code loss.png},
 * {@code provenance.json}, and {@code checkpoints/} (one zip per epoch plus {@code state.json},
 * from which {@code --resume} continues with the same optimizer state).
 */
public final class ModelDir {
  public static final String MODEL = "model.zip";
  public static final String CONFIG = "config.json";
  public static final String NORM = "norm_stats.json";
  public static final String HISTORY = "loss_history.csv";
  public static final String PLOT = "loss.png";
  public static final String PROVENANCE = "provenance.json";
  public static final String CARD = "MODEL_CARD.md";
  static final String STATE = "checkpoints/state.json";
  // the state is written here, then renamed over STATE: a run killed mid-write leaves one whole
  // file
  static final String STATE_NEW = "checkpoints/state.json.new";

  private final Configuration conf;
  private final String root;
  private final FileSystem fs;

  public ModelDir(Configuration conf, String root) {
    this.conf = conf;
    this.root = root;
    try {
      this.fs = new Path(root).getFileSystem(conf);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public Configuration conf() {
    return conf;
  }

  public String path(String name) {
    return TableRoot.join(root, name);
  }

  /**
   * Where training stands: {@code epoch} epochs finished, and {@code partialSteps} steps
   * (minibatches, or averaging rounds on Spark) of the next one, whose losses sum to {@code
   * partialLossSum}.
   */
  public record State(
      int epoch,
      List<Double> trainLoss,
      List<Double> valLoss,
      List<Double> seconds,
      int partialSteps,
      double partialLossSum) {
    public State(int epoch, List<Double> trainLoss, List<Double> valLoss, List<Double> seconds) {
      this(epoch, trainLoss, valLoss, seconds, 0, 0);
    }
  }

  public boolean hasCheckpoint() throws IOException {
    return fs.exists(new Path(path(STATE))) || fs.exists(new Path(path(STATE_NEW)));
  }

  /**
   * Saves the model with its updater, then the state that points at it (the state is written last).
   */
  public void checkpoint(ComputationGraph g, State s) throws IOException {
    String zip =
        s.partialSteps() > 0
            ? String.format("checkpoints/epoch-%04d-step-%06d.zip", s.epoch() + 1, s.partialSteps())
            : String.format("checkpoints/epoch-%04d.zip", s.epoch());
    save(g, zip);
    StateFile m =
        new StateFile(
            s.epoch(),
            zip,
            s.trainLoss(),
            s.valLoss(),
            s.seconds(),
            s.partialSteps(),
            s.partialLossSum());
    Path tmp = new Path(path(STATE_NEW));
    Path state = new Path(path(STATE));
    Json.write(conf, tmp.toString(), m);
    fs.delete(
        state, false); // Hadoop's rename does not replace; a kill here leaves STATE_NEW, read below
    if (!fs.rename(tmp, state)) {
      throw new IOException("cannot rename " + tmp + " to " + state);
    }
  }

  /** The state file: STATE, or STATE_NEW when a run died between deleting the old and renaming. */
  private String statePath() throws IOException {
    return fs.exists(new Path(path(STATE))) ? path(STATE) : path(STATE_NEW);
  }

  /** {@code checkpoints/state.json}: the state and the checkpoint zip it points at. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record StateFile(
      @JsonProperty(required = true) int epoch,
      @JsonProperty(required = true) String model,
      @JsonProperty("train_loss") List<Double> trainLoss,
      @JsonProperty("val_loss") List<Double> valLoss,
      List<Double> seconds,
      @JsonProperty("partial_steps") int partialSteps,
      @JsonProperty("partial_loss_sum") double partialLossSum) {}

  private StateFile stateFile() throws IOException {
    return Json.read(conf, statePath(), StateFile.class, "no checkpoint in " + root);
  }

  public State readState() throws IOException {
    StateFile f = stateFile();
    return new State(
        f.epoch(), f.trainLoss(), f.valLoss(), f.seconds(), f.partialSteps(), f.partialLossSum());
  }

  public ComputationGraph restoreCheckpoint() throws IOException {
    return load(stateFile().model());
  }

  public void save(ComputationGraph g, String name) throws IOException {
    try (OutputStream out = fs.create(new Path(path(name)), true)) {
      ModelSerializer.writeModel(g, out, true);
    }
  }

  public ComputationGraph load(String name) throws IOException {
    try (InputStream in = fs.open(new Path(path(name)))) {
      return ModelSerializer.restoreComputationGraph(in, true);
    }
  }

  public void writeText(String name, String text) throws IOException {
    try (OutputStream out = fs.create(new Path(path(name)), true)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** The loss history as CSV and as a PNG plot (per-cell MSE for reconstruction tasks). */
  public void writeHistory(State s) throws IOException {
    writeHistory(s, Double.NaN, null);
  }

  /**
   * loss_history.csv and loss.png; a finite {@code reference} is drawn as a flat line named {@code
   * referenceName} (the trivial predictor's loss: chance for contrastive, predicting 0 for
   * reconstruction), so the plot shows how far training got from doing nothing.
   */
  public void writeHistory(State s, double reference, String referenceName) throws IOException {
    StringBuilder sb = new StringBuilder("epoch,train_loss,val_loss,seconds\n");
    for (int i = 0; i < s.trainLoss().size(); i++) {
      sb.append(i + 1)
          .append(',')
          .append(s.trainLoss().get(i))
          .append(',')
          .append(s.valLoss().get(i))
          .append(',')
          .append(s.seconds().get(i))
          .append('\n');
    }
    try (OutputStream out = fs.create(new Path(path(HISTORY)), true)) {
      out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
    }
    Map<String, List<Double>> series = new LinkedHashMap<>();
    series.put("train", s.trainLoss());
    series.put("validation", s.valLoss());
    if (Double.isFinite(reference) && !s.trainLoss().isEmpty()) {
      series.put(referenceName, java.util.Collections.nCopies(s.trainLoss().size(), reference));
    }
    LinePlot.write(conf, path(PLOT), "Pre-training loss", "epoch", "loss", series);
  }
}
