package org.octave2vec.nightly;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.octave2vec.common.Provenance;
import org.octave2vec.common.Redact;

/**
 * What one nightly run did. Written to {@code reports/nightly-<run>.json} (except when there was
 * nothing to do: then nothing under the tables changes) and printed.
 *
 * @param mode {@link #NOTHING}, {@link #MANIFEST}, {@link #INCREMENTAL} or {@link #FULL}
 * @param reason why a full rebuild (first run, --full, state missing), else empty
 * @param recovered runs whose interrupted commit this run finished first
 * @param rowsRead rows of the files read this run: {@code rowsRead == framesKept + rowsQuarantined}
 * @param partitionsAdded sensor-days of {@code frames} that appeared
 * @param partitionsReplaced sensor-days rewritten
 * @param partitionsRemoved sensor-days no file feeds any more
 * @param frames frames in the table after the run
 * @param runsRecut runs whose slices were cut again (the others' slices were kept)
 * @param slicesRecut slices cut this run (the rest were copied)
 * @param samples kept samples per task after the run (empty when the slices did not change)
 * @param staleSamples sample tables under {@code samples/} this run does not maintain
 */
public record NightlyReport(
    @JsonProperty("run_id") String runId,
    String tables,
    String mode,
    String reason,
    @JsonProperty("recovered_runs") List<String> recovered,
    @JsonIgnore int filesListed,
    @JsonProperty("new_files") List<String> added,
    @JsonProperty("changed_files") List<String> changed,
    @JsonProperty("touched_files") List<String> touched,
    @JsonIgnore int unchanged,
    @JsonProperty("deleted_files") List<String> deleted,
    @JsonIgnore int filesRead,
    @JsonProperty("rows_read") long rowsRead,
    @JsonProperty("frames_kept") long framesKept,
    @JsonProperty("rows_quarantined") long rowsQuarantined,
    @JsonProperty("partitions_added") List<String> partitionsAdded,
    @JsonProperty("partitions_replaced") List<String> partitionsReplaced,
    @JsonProperty("partitions_removed") List<String> partitionsRemoved,
    long frames,
    long runs,
    @JsonProperty("runs_recut") long runsRecut,
    long slices,
    @JsonProperty("slices_recut") long slicesRecut,
    Map<String, Long> samples,
    @JsonProperty("stale_samples") List<String> staleSamples,
    double seconds,
    @JsonIgnore int deletedExitCode) {

  public static final String NOTHING = "nothing-to-do";
  public static final String MANIFEST = "manifest-only";
  public static final String INCREMENTAL = "incremental";
  public static final String FULL = "full";

  @JsonIgnore
  public boolean invariantHolds() {
    return rowsRead == framesKept + rowsQuarantined;
  }

  /**
   * 0: done (or nothing to do); {@code deletedExitCode} (3 by default) when deleted files' data
   * went.
   */
  @JsonIgnore
  public int exitCode() {
    return deleted.isEmpty() ? 0 : deletedExitCode;
  }

  /** The file counts of the report's {@code files} block. */
  public record Files(
      int listed,
      @JsonProperty("new") int added,
      int changed,
      @JsonProperty("touched_same_bytes") int touched,
      int unchanged,
      int deleted,
      @JsonProperty("read_this_run") int readThisRun) {}

  @JsonProperty("files")
  Files files() {
    return new Files(
        filesListed,
        added.size(),
        changed.size(),
        touched.size(),
        unchanged,
        deleted.size(),
        filesRead);
  }

  @JsonProperty("invariant_rows_read_eq_kept_plus_quarantined")
  boolean invariantField() {
    return invariantHolds();
  }

  @JsonProperty("exit_code")
  int exitCodeField() {
    return exitCode();
  }

  /** {@code reports/nightly-<run>.json}: the report with the run's provenance. */
  record Written(@JsonUnwrapped NightlyReport report, Provenance provenance) {}

  /** The readable summary printed at the end of a run. */
  public String summary() {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "nightly %s → %s: %s%s (%.1f s)%n",
            runId,
            tables,
            mode,
            reason.isEmpty() ? "" : " (" + reason + ")",
            seconds));
    if (!recovered.isEmpty()) {
      sb.append("  finished the interrupted commit of ").append(recovered).append('\n');
    }
    Files f = files();
    sb.append(
        String.format(
            Locale.ROOT,
            "  files: %d listed: %d new, %d changed, %d touched (same bytes), %d unchanged, %d deleted; %d read%n",
            f.listed(),
            f.added(),
            f.changed(),
            f.touched(),
            f.unchanged(),
            f.deleted(),
            f.readThisRun()));
    if (filesRead > 0) {
      sb.append(
          String.format(
              Locale.ROOT,
              "  rows:  %,d read = %,d kept + %,d quarantined  [%s]%n",
              rowsRead,
              framesKept,
              rowsQuarantined,
              invariantHolds() ? "OK" : "BROKEN"));
    }
    sb.append(tablesLine());
    for (String d : deleted) {
      sb.append("  DELETED input file, its data removed: ").append(d).append('\n');
    }
    for (String s : staleSamples) {
      sb.append("  note: samples/")
          .append(s)
          .append(" is not maintained by nightly and may be stale\n");
    }
    return Redact.text(sb.toString());
  }

  /** What the run did to the tables: unchanged, or partitions, runs and slices rewritten. */
  private String tablesLine() {
    StringBuilder out = new StringBuilder();
    if (mode.equals(NOTHING) || mode.equals(MANIFEST)) {
      out.append(
          String.format(
              Locale.ROOT,
              "  tables unchanged: %,d frames, %,d runs, %,d slices%n",
              frames,
              runs,
              slices));
    } else {
      out.append(
          String.format(
              Locale.ROOT,
              "  frames partitions: %d added, %d replaced, %d removed; %,d frames, %,d runs (%,d cut again), "
                  + "%,d slices (%,d cut again)%n",
              partitionsAdded.size(),
              partitionsReplaced.size(),
              partitionsRemoved.size(),
              frames,
              runs,
              runsRecut,
              slices,
              slicesRecut));
      if (!samples.isEmpty()) {
        out.append("  samples kept: ").append(samples).append('\n');
      }
    }
    return out.toString();
  }

  /** Collects the numbers as the run goes. */
  static final class Builder {
    String runId;
    String tables;
    String mode = NOTHING;
    String reason = "";
    List<String> recovered = List.of();
    int filesListed;
    final List<String> added = new ArrayList<>();
    final List<String> changed = new ArrayList<>();
    final List<String> touched = new ArrayList<>();
    int unchanged;
    final List<String> deleted = new ArrayList<>();
    int filesRead;
    long rowsRead;
    long framesKept;
    long rowsQuarantined;
    final List<String> partitionsAdded = new ArrayList<>();
    final List<String> partitionsReplaced = new ArrayList<>();
    final List<String> partitionsRemoved = new ArrayList<>();
    long frames;
    long runs;
    long runsRecut;
    long slices;
    long slicesRecut;
    final Map<String, Long> samples = new TreeMap<>();
    final List<String> staleSamples = new ArrayList<>();
    int deletedExitCode;

    NightlyReport build(double seconds) {
      return new NightlyReport(
          runId,
          tables,
          mode,
          reason,
          List.copyOf(recovered),
          filesListed,
          List.copyOf(added),
          List.copyOf(changed),
          List.copyOf(touched),
          unchanged,
          List.copyOf(deleted),
          filesRead,
          rowsRead,
          framesKept,
          rowsQuarantined,
          List.copyOf(partitionsAdded),
          List.copyOf(partitionsReplaced),
          List.copyOf(partitionsRemoved),
          frames,
          runs,
          runsRecut,
          slices,
          slicesRecut,
          java.util.Collections.unmodifiableMap(new TreeMap<>(samples)),
          List.copyOf(staleSamples),
          seconds,
          deletedExitCode);
    }
  }
}
