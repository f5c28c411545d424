package org.octave2vec.nightly;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.octave2vec.common.Json;
import org.octave2vec.common.Task;
import org.octave2vec.common.UserException;
import org.octave2vec.ingest.IngestOptions;
import org.octave2vec.samples.SampleOptions;
import org.octave2vec.samples.SamplePlan;
import org.octave2vec.slices.SliceOptions;

/**
 * Options of the {@code nightly} job, validated before Spark starts. The CLI flags and {@code
 * jobs/nightly.conf} use the kebab-case of these names (and those of the ingest, slice and samples
 * jobs for the parts they configure).
 *
 * @param inputs files, directories (read recursively) or globs: the whole archive, every night
 * @param tables table root: frames/, quarantine/, runs/, health/, slices/, samples/, manifest/
 * @param ingest how files are read (its inputs and output are set per run)
 * @param slice how runs are cut into slices
 * @param samples the sample tables to keep up to date ({@code samples/<task>}), with their options
 * @param workers training workers the samples are balanced for
 * @param batchSize minibatch per worker
 * @param full rebuild everything from all files, as the first run does
 * @param maxDeletedFraction refuse (exit 2) when more than this share of the manifest's files are
 *     gone: an unmounted disk must not empty the tables
 * @param deletedExitCode the exit status of a run that removed deleted files' data (0 to treat it
 *     as a plain success)
 * @param unset the samples options left unset ({@link SamplePlan}'s names): for the contrastive
 *     task the samples job chooses them from the data, as {@code samples} does, so that {@code
 *     train}'s defaults find what they need
 */
@RecordBuilder
public record NightlyOptions(
    List<String> inputs,
    String tables,
    IngestOptions ingest,
    SliceOptions slice,
    List<SampleOptions> samples,
    int workers,
    int batchSize,
    boolean full,
    double maxDeletedFraction,
    int deletedExitCode,
    Set<String> unset)
    implements NightlyOptionsBuilder.With {

  /** Exit status of a run that removed the data of deleted files (see docs/nightly.md). */
  public static final int EXIT_DELETED = 3;

  /** Defaults of every part: cbow and gap samples for 2 workers × 64. */
  public static NightlyOptions of(List<String> inputs, String tables) {
    return new NightlyOptions(
        inputs,
        tables,
        IngestOptions.of(inputs, tables),
        SliceOptions.defaults(),
        List.of(SampleOptions.defaults(Task.CBOW), SampleOptions.defaults(Task.GAP)),
        2,
        64,
        false,
        0.5,
        EXIT_DELETED,
        SamplePlan.FROM_DATA_AND_DEALING);
  }

  public NightlyOptions withSamples(List<SampleOptions> s, int w, int b) {
    return withSamples(s).withWorkers(w).withBatchSize(b);
  }

  public NightlyOptions withDeletions(double maxFraction, int exitCode) {
    return withMaxDeletedFraction(maxFraction).withDeletedExitCode(exitCode);
  }

  /** Checks every option; throws a {@link UserException} naming the option. */
  public NightlyOptions validate() {
    if (inputs == null || inputs.isEmpty()) {
      throw new UserException("--input is required");
    }
    if (tables == null || tables.isBlank()) {
      throw new UserException("--tables is required");
    }
    if (ingest.audio() != null) {
      throw new UserException("nightly reads CSV and HDF5 archives, not audio");
    }
    ingestFor(inputs, tables).validate();
    try {
      slice.validate();
      samples.forEach(SampleOptions::validate);
    } catch (IllegalArgumentException e) {
      throw new UserException("nightly: " + e.getMessage());
    }
    if (samples.stream().map(SampleOptions::task).distinct().count() != samples.size()) {
      throw new UserException("--samples names a task twice");
    }
    if (workers < 1 || batchSize < 1) {
      throw new UserException("--workers and --batch-size must be at least 1");
    }
    if (!(maxDeletedFraction >= 0 && maxDeletedFraction <= 1)) {
      throw new UserException(
          "--max-deleted-fraction must be in [0, 1], got " + maxDeletedFraction);
    }
    if (deletedExitCode < 0
        || deletedExitCode > 255
        || deletedExitCode == 1
        || deletedExitCode == 2) {
      throw new UserException(
          "--deleted-exit-code must be 0 or 3..255 (1 and 2 mean failure and "
              + "misuse), got "
              + deletedExitCode);
    }
    return this;
  }

  /** The ingest options for one run: these files into that output. */
  IngestOptions ingestFor(List<String> files, String output) {
    return ingest.withInputs(files).withOutput(output).withAudio(null);
  }

  /**
   * What the tables' content depends on, recorded in the manifest: a later run with other values
   * would mix two recipes in one table, so it stops and asks for {@code --full}. Inputs are not
   * part of it (adding a directory is a normal change).
   */
  Recipe recipe() {
    Map<String, Object> ing =
        new LinkedHashMap<>(Json.MAPPER.convertValue(ingestFor(List.of(), ""), Map.class));
    ing.remove("inputs");
    ing.remove("output");
    ing.remove("audio");
    // how levels are stored belongs to the table (frames metadata): later runs keep it
    ing.remove("levelEncoding");
    return new Recipe(
        batchSize,
        ing,
        Json.MAPPER.convertValue(samples, List.class),
        Json.MAPPER.convertValue(slice, Map.class),
        workers);
  }
}
