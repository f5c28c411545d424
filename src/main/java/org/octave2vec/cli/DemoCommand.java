package org.octave2vec.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.octave2vec.cluster.DoctorJob;
import org.octave2vec.common.TableRoot;
import org.octave2vec.common.Task;
import org.octave2vec.eval.EvaluateJob;
import org.octave2vec.eval.EvaluateOptions;
import org.octave2vec.eval.TaskResult;
import org.octave2vec.generate.GenerateOptions;
import org.octave2vec.generate.GenerateSummary;
import org.octave2vec.generate.SpecCenseGenerator;
import org.octave2vec.ingest.IngestJob;
import org.octave2vec.ingest.IngestOptions;
import org.octave2vec.ingest.IngestReport;
import org.octave2vec.pretrain.PretrainJob;
import org.octave2vec.samples.SampleOptions;
import org.octave2vec.samples.SamplePlan;
import org.octave2vec.slices.SliceOptions;
import org.octave2vec.slices.SlicePlan;
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
        "Generate a demo archive of a few streets' mornings (with some corrupted rows) and run the "
            + "user path on it: ingest → frames, quarantine, runs, health; pretrain (slice → samples → "
            + "train the small contrastive encoder, the default objective → embed, every default "
            + "chosen from the data); then evaluate on the labelled events against hand-crafted "
            + "statistics and the same encoder untrained → report, with the headline printed.")
public final class DemoCommand implements Callable<Integer> {
  /**
   * The demo's training cap: the default budget of 1,200 steps takes about 5½ minutes on 2 cores
   * here, and a slower machine stops at the cap, so the whole demo stays within 10 minutes.
   */
  static final double TRAIN_MINUTES = 6;

  /** 07:00 UTC: the archive covers the morning rush hour, the dawn chorus, then voices. */
  static final long START_HOUR_UTC = 7;

  @Option(
      names = "--output",
      paramLabel = "DIR",
      description = "Where the archive, tables, models and report go. Default: work/demo.")
  Path output;

  @Option(names = "--dir", hidden = true, description = "Old spelling of --output.")
  Path oldDir;

  /** Where everything goes: --output, or the old --dir, or work/demo. */
  private Path dir;

  @Option(
      names = "--sensors",
      defaultValue = "4",
      description = "Sensors in the generated archive. Default: ${DEFAULT-VALUE}.")
  int sensors;

  @Option(
      names = "--hours",
      defaultValue = "2",
      description = "Hours per sensor in the generated archive. Default: ${DEFAULT-VALUE}.")
  double hours;

  @Option(
      names = "--train-minutes",
      defaultValue = "" + TRAIN_MINUTES,
      description =
          "Cap on the encoder's training in minutes (the default budget of 1,200 steps takes "
              + "about 5½ on 2 cores). Default: ${DEFAULT-VALUE}.")
  double trainMinutes;

  @Mixin SeedOption seedOption;

  @Mixin SparkOptions spark;

  @Override
  public Integer call() throws Exception {
    dir = output != null ? output : oldDir != null ? oldDir : Path.of("work/demo");
    Preflight.outputOutsideTables("--output", dir.toString());
    SparkSession session =
        spark.session("demo", DoctorJob.Needs.of(List.of(), List.of(dir.toString()), true));
    String tables = dir.resolve("tables").toString();
    boolean ok = ingest(session, tables);
    // the user path: pretrain with the defaults, only the training capped for the demo's time
    String model = dir.resolve("model-contrastive").toString();
    PretrainJob.Report p = PretrainJob.run(session, pretrainRequest(tables, model), System.out);
    TrainJob.Report tr = p.train();
    // chance for NT-Xent: log(2B − 1), an encoder that tells no view from another
    double chance =
        Math.log(
            2.0 * (p.samples() != null ? p.samples().batchSize() : SamplePlan.CONTRASTIVE_BATCH)
                - 1);
    double lastVal =
        tr.valLoss().isEmpty() ? Double.NaN : tr.valLoss().get(tr.valLoss().size() - 1);
    System.out.printf(
        Locale.ROOT,
        "demo: validation loss %.3f → %.3f, %.2f × chance (%.3f, an encoder that tells no view "
            + "from another)%n",
        tr.valLoss().isEmpty() ? Double.NaN : tr.valLoss().get(0),
        lastVal,
        lastVal / chance,
        chance);
    // the loss must fall (with one epoch only, a cap too short to tell, there is nothing to
    // compare)
    ok &=
        (tr.trainLoss().size() < 2
                || tr.trainLoss().get(tr.trainLoss().size() - 1) < tr.trainLoss().get(0))
            && p.embeddings() > 0;
    Map<String, String> sets = new LinkedHashMap<>();
    sets.put("contrastive", TableRoot.of(tables).embeddings());
    sets.put("untrained", untrained(session, tables));
    String report = dir.resolve("report").toString();
    List<TaskResult> results =
        EvaluateJob.run(
            session,
            EvaluateOptions.of(sets, report)
                .withInputs(TableRoot.of(tables).slices(), dir.resolve("labels.csv").toString())
                .withTasks(List.of("event_clips"))
                .withLossHistory(model + "/loss_history.csv")
                .withSeed(seedOption.seed));
    System.out.println(EvaluateCommand.summary(report, results.size()));
    System.out.print(headline(results, "event_clips", "contrastive"));
    System.out.println(
        "demo: tables under "
            + tables
            + " (frames, quarantine, runs, health, slices, samples/contrastive, embeddings, "
            + "embeddings_pooled; ingest report: "
            + dir.resolve("tables/reports/ingest.json")
            + "); model in "
            + model
            + " (loss.png, loss_history.csv, MODEL_CARD.md); report in "
            + report);
    return ok ? 0 : 1;
  }

  /** pretrain's request with every default left to the data, the training capped. */
  PretrainJob.Request pretrainRequest(String tables, String model) {
    long seed = seedOption.seed;
    TrainOptions t =
        TrainOptions.of(Task.CONTRASTIVE, tables, model)
            .withSeed(seed)
            .withEpochs(0)
            .withSteps(TrainOptions.DEFAULT_STEPS)
            .withMaxMinutes(trainMinutes);
    return new PretrainJob.Request(
        SliceOptions.defaults().withSeed(seed),
        Set.of(SlicePlan.HOP, SlicePlan.SPLIT_BY, SlicePlan.BLOCK, SlicePlan.VAL, SlicePlan.TEST),
        SampleOptions.defaults(Task.CONTRASTIVE).withSeed(seed),
        null,
        null,
        SamplePlan.FROM_DATA,
        t,
        TableRoot.of(tables).embeddings(),
        null,
        true);
  }

  /** The untrained encoder's embeddings: what training must beat. */
  private String untrained(SparkSession session, String tables) {
    String m = dir.resolve("model-untrained").toString();
    TrainJob.run(
        session,
        TrainOptions.of(Task.CONTRASTIVE, tables, m).withEpochs(0).withSeed(seedOption.seed));
    String out = tables + "/embeddings_untrained";
    EmbedJob.run(session, m, tables, out);
    return out;
  }

  /**
   * The headline: each feature set's score on {@code task}, best first, and the margins of {@code
   * learned} over the best hand-crafted statistics and over its untrained encoder.
   */
  static String headline(List<TaskResult> results, String task, String learned) {
    List<TaskResult> r =
        results.stream()
            .filter(x -> x.task().equals(task))
            .sorted((a, b) -> Double.compare(b.headlineMean(), a.headlineMean()))
            .toList();
    if (r.isEmpty()) {
      return "demo: no " + task + " results\n";
    }
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT,
            "%ndemo: HEADLINE — %s, %s (mean ± std over folds and seeds):%n",
            task,
            r.get(0).headline()));
    for (TaskResult x : r) {
      b.append(
          String.format(
              Locale.ROOT,
              "  %-22s %.3f ± %.3f%n",
              x.featureSet(),
              x.headlineMean(),
              x.headlineStd()));
    }
    TaskResult mine =
        r.stream().filter(x -> x.featureSet().equals(learned)).findFirst().orElse(null);
    TaskResult stats =
        r.stream().filter(x -> x.featureSet().endsWith("_stats")).findFirst().orElse(null);
    TaskResult random =
        r.stream().filter(x -> x.featureSet().equals("untrained")).findFirst().orElse(null);
    if (mine != null && stats != null) {
      b.append(
          String.format(
              Locale.ROOT,
              "demo: %s %+.3f over the best hand-crafted statistics (%s)%s%n",
              learned,
              mine.headlineMean() - stats.headlineMean(),
              stats.featureSet(),
              random == null
                  ? ""
                  : String.format(
                      Locale.ROOT,
                      ", %+.3f over its untrained encoder",
                      mine.headlineMean() - random.headlineMean())));
    }
    return b.toString();
  }

  /** Generates the archive and ingests it; true when the tables match the generator's truth. */
  private boolean ingest(SparkSession session, String tables) throws Exception {
    GenerateOptions g =
        new GenerateOptions(
                sensors,
                hours,
                seedOption.seed,
                GenerateOptions.DEFAULT_START_EPOCH_MS + START_HOUR_UTC * 3_600_000L,
                org.octave2vec.generate.ArchiveFormat.CSV_GZ,
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
}
