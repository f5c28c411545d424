package org.octave2vec.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.octave2vec.cluster.DoctorJob;
import org.octave2vec.common.TableRoot;
import org.octave2vec.eval.EvaluateJob;
import org.octave2vec.eval.EvaluateOptions;
import org.octave2vec.eval.TaskResult;
import org.octave2vec.generate.GenerateOptions;
import org.octave2vec.generate.GenerateSummary;
import org.octave2vec.generate.SpecCenseGenerator;
import org.octave2vec.ingest.IngestJob;
import org.octave2vec.ingest.IngestOptions;
import org.octave2vec.ingest.IngestReport;
import org.octave2vec.samples.SampleOptions;
import org.octave2vec.samples.SamplesJob;
import org.octave2vec.slices.SliceJob;
import org.octave2vec.slices.SliceOptions;
import org.octave2vec.train.EmbedJob;
import org.octave2vec.train.TrainJob;
import org.octave2vec.train.TrainOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code demo}: the whole pipeline on generated data, on the embedded local Spark. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Generate a demo archive (with some corrupted rows) and run the pipeline on it: "
            + "ingest → frames, quarantine, runs, health; slice → slices; samples → samples/contrastive, "
            + "samples/cbow, samples/gap; train (small contrastive encoder — the default objective — then CBoW "
            + "and TemporalGap, 2–3 epochs) → model directories; embed → embeddings; evaluate against band "
            + "statistics and an untrained encoder → report.")
public final class DemoCommand implements Callable<Integer> {
  @Option(
      names = "--dir",
      defaultValue = "work/demo",
      description = "Working directory for the archive and the tables. Default: ${DEFAULT-VALUE}.")
  Path dir;

  @Option(names = "--sensors", defaultValue = "4", description = "Default: ${DEFAULT-VALUE}.")
  int sensors;

  @Option(names = "--hours", defaultValue = "2", description = "Default: ${DEFAULT-VALUE}.")
  double hours;

  @Mixin SeedOption seedOption;

  @Mixin SparkOptions spark;

  @Override
  public Integer call() throws Exception {
    Preflight.output("--dir", dir.toString());
    SparkSession session =
        spark.session("demo", DoctorJob.Needs.of(List.of(), List.of(dir.toString()), true));
    String tables = dir.resolve("tables").toString();
    boolean ok = ingest(session, tables);
    SliceJob.Report sl = SliceJob.run(session, tables, sliceOptions());
    System.out.print(sl.summary());
    ok &= sl.invariantHolds() && drawSamples(session, tables);
    // the small encoder (16…128 channels); --preset reference is the paper's size
    String model = dir.resolve("model-contrastive").toString();
    TrainJob.Report tr =
        TrainJob.run(
            session,
            TrainOptions.of(TrainOptions.CONTRASTIVE, tables, model)
                .with("small", 3, "local")
                .withSeed(seedOption.seed));
    System.out.print(tr.summary());
    long emb = EmbedJob.run(session, demoEmbed(model, TableRoot.of(tables).embeddings()));
    System.out.printf("embed: %,d embeddings%n", emb);
    ok &=
        tr.trainLoss().get(tr.trainLoss().size() - 1) < tr.trainLoss().get(0) && emb == sl.slices();
    Map<String, String> sets = baselines(session, tables);
    String report = dir.resolve("report").toString();
    List<TaskResult> results =
        EvaluateJob.run(
            session,
            EvaluateOptions.of(sets, report)
                .withInputs(TableRoot.of(tables).slices(), dir.resolve("labels.csv").toString())
                .withLossHistory(model + "/loss_history.csv")
                .withSeed(seedOption.seed));
    System.out.println(EvaluateCommand.summary(report, results.size()));
    System.out.println(
        "demo: tables under "
            + tables
            + " (frames, quarantine, runs, health, slices, "
            + "samples/contrastive, samples/cbow, samples/gap, embeddings; report: "
            + dir.resolve("tables/reports/ingest.json")
            + "); model in "
            + model
            + " (loss.png, loss_history.csv)");
    return ok ? 0 : 1;
  }

  /** Time blocks short enough that train, val and test all get part of the demo archive. */
  SliceOptions sliceOptions() {
    SliceOptions base = SliceOptions.defaults().withSeed(seedOption.seed);
    List<String> ids =
        java.util.stream.IntStream.range(0, sensors)
            .mapToObj(SpecCenseGenerator::sensorId)
            .toList();
    long block = DemoSplits.blockMs(ids, GenerateOptions.DEFAULT_START_EPOCH_MS, hours, base);
    System.out.printf("demo: split blocks of %d min%n", block / 60_000);
    return base.withSplit(SliceOptions.BY_TIME, block, base.guardSlices());
  }

  /** Generates the archive and ingests it; true when the tables match the generator's truth. */
  private boolean ingest(SparkSession session, String tables) throws Exception {
    GenerateOptions g =
        new GenerateOptions(
                sensors,
                hours,
                seedOption.seed,
                GenerateOptions.DEFAULT_START_EPOCH_MS,
                "csv.gz",
                false,
                0.001,
                0.002,
                0.5,
                GenerateOptions.defaults().layout())
            .validate();
    GenerateSummary s = SpecCenseGenerator.generate(g, dir);
    System.out.printf(
        "demo: generated %,d rows for %d sensors × %.1f h under %s (%d corrupted or "
            + "duplicated on purpose)%n",
        s.rowsWritten(), sensors, hours, dir.resolve("archive"), s.quarantinedRows());
    IngestOptions o =
        IngestOptions.of(List.of(dir.resolve("archive").toString()), tables).validate();
    IngestReport r = IngestJob.run(session, o);
    System.out.print(r.summary());
    boolean match = r.rowsQuarantined() == s.quarantinedRows() && r.rowsKept() == s.framesValid();
    System.out.printf(
        "demo: generator truth %s: %,d frames and %,d quarantined rows expected%n",
        match ? "matches" : "DOES NOT MATCH", s.framesValid(), s.quarantinedRows());
    return match;
  }

  /** samples/cbow, samples/gap and samples/contrastive; true when each has training samples. */
  private boolean drawSamples(SparkSession session, String tables) {
    boolean ok = true;
    for (String task : List.of(SampleOptions.CBOW, SampleOptions.GAP)) {
      // 4 samples per run keep the demo's pre-training to a minute or two on 2 cores
      SamplesJob.Report sr =
          SamplesJob.run(
              session,
              tables,
              SampleOptions.defaults(task).withSamplesPerRun(4).withSeed(seedOption.seed),
              2,
              32);
      System.out.print(sr.summary());
      ok &= sr.kept().getOrDefault("train", 0L) > 0;
    }
    // contrastive (the default objective): 4 pairs per 16-s unit of each run, minibatches of 256
    // units of one sensor: on a few long recordings, negatives from other sensors teach only which
    // sensor a crop comes from (docs/results.md)
    SamplesJob.Report cs =
        SamplesJob.run(
            session,
            tables,
            SampleOptions.defaults(SampleOptions.CONTRASTIVE)
                .withSamplesPerRun(4)
                .withSameSensorBatches(true)
                .withSeed(seedOption.seed),
            1,
            256);
    System.out.print(cs.summary());
    return ok && cs.kept().getOrDefault("train", 0L) > 0;
  }

  /**
   * The contrastive encoders' embeddings as the demo writes them: the last block's pooling (256
   * values), not the 864-value multiscale default, whose linear probes take minutes longer on the
   * demo's thousands of windows (the quality table, bench/quality.sh, measures the default).
   */
  private EmbedJob.Options demoEmbed(String model, String output) {
    return new EmbedJob.Options(
        model, dir.resolve("tables").toString(), output, 0, false, "pooled");
  }

  /**
   * The embeddings to compare: the contrastive encoder's, CBoW's and TemporalGap's (the paper's
   * objectives), and an untrained contrastive encoder's (the random-encoder baseline).
   */
  private Map<String, String> baselines(SparkSession session, String tables) {
    Map<String, String> sets = new LinkedHashMap<>();
    sets.put("contrastive", TableRoot.of(tables).embeddings());
    for (String task : List.of(SampleOptions.CBOW, SampleOptions.GAP)) {
      String m = dir.resolve("model-" + task).toString();
      System.out.print(
          TrainJob.run(
                  session,
                  TrainOptions.of(task, tables, m)
                      .with("small", 2, "local")
                      .withSeed(seedOption.seed))
              .summary());
      EmbedJob.run(session, m, tables, tables + "/embeddings_" + task);
      sets.put(task, tables + "/embeddings_" + task);
    }
    String randomModel = dir.resolve("model-random").toString();
    TrainJob.run(
        session,
        TrainOptions.of(TrainOptions.CONTRASTIVE, tables, randomModel)
            .with("small", 0, "local")
            .withSeed(seedOption.seed));
    EmbedJob.run(session, demoEmbed(randomModel, tables + "/embeddings_random"));
    sets.put("random", tables + "/embeddings_random");
    return sets;
  }
}
