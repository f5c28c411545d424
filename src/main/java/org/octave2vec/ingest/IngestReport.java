package org.octave2vec.ingest;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.octave2vec.common.BandLayout;
import org.octave2vec.common.HealthTable;
import org.octave2vec.common.Provenance;
import org.octave2vec.common.Redact;

/**
 * What an ingest did, in numbers. The invariant every run must satisfy: {@code rowsRead == rowsKept
 * + rowsQuarantined} (row-level rejections; whole-file rejections are counted apart, in {@code
 * fileRejections}).
 */
public record IngestReport(
    String output,
    @JsonProperty("band_layout") String layout,
    @JsonProperty("files_listed") int filesListed,
    @JsonProperty("input_bytes") long inputBytes,
    @JsonProperty("sources_read") int sources,
    @JsonProperty("sources_rejected") int sourcesRejected,
    Map<String, String> skipped,
    @JsonProperty("files_ignored") long filesIgnored,
    @JsonProperty("rows_read") long rowsRead,
    @JsonProperty("rows_kept") long rowsKept,
    @JsonProperty("rows_quarantined") long rowsQuarantined,
    @JsonProperty("file_rejections") long fileRejections,
    @JsonProperty("quarantined_by_reason") Map<String, Long> quarantinedByReason,
    @JsonProperty("file_rejections_by_reason") Map<String, Long> fileRejectionsByReason,
    @JsonProperty("blank_lines") long blankLines,
    @JsonProperty("unknown_columns_ignored") Map<String, Long> unknownColumns,
    @JsonProperty("extras_found") List<String> extrasFound,
    @JsonProperty("out_of_order_rows") long outOfOrderRows,
    @JsonProperty("clock_jumps") long clockJumps,
    int sensors,
    long runs,
    @JsonProperty("frames_in_runs_shorter_than_a_slice") long framesInShortRuns,
    @JsonProperty("min_slice_frames") int minSliceFrames,
    @JsonProperty("gap_histogram") Map<String, Long> gapHistogram,
    @JsonProperty("longest_gap_ms") long longestGapMs,
    double seconds,
    @JsonIgnore List<SensorHealth> health) {

  @JsonIgnore
  public boolean invariantHolds() {
    return rowsRead == rowsKept + rowsQuarantined;
  }

  /**
   * Throws unless {@code rowsRead == kept + quarantined}: the row accounting of every run that
   * writes frames (ingest, nightly). A broken one is a bug, not bad input: never let a run that
   * lost rows look successful.
   */
  public static void checkRowAccounting(long rowsRead, long kept, long quarantined) {
    if (rowsRead != kept + quarantined) {
      throw new IllegalStateException(
          "row accounting broken: read "
              + rowsRead
              + " != kept "
              + kept
              + " + quarantined "
              + quarantined);
    }
  }

  /** Every entry the lister saw under the inputs: listed + skipped + ignored (hidden). */
  @JsonProperty("files_on_disk")
  long filesOnDisk() {
    return filesListed + skipped.size() + filesIgnored;
  }

  @JsonProperty("invariant_rows_read_eq_kept_plus_quarantined")
  boolean invariantField() {
    return invariantHolds();
  }

  /** {@code reports/ingest.json}'s health block: one entry per sensor, times as ISO text. */
  @JsonProperty("health")
  List<HealthEntry> healthEntries() {
    return health.stream().map(HealthEntry::of).toList();
  }

  /** A sensor's health as people read it in the report (the health table has the same numbers). */
  record HealthEntry(
      String sensor,
      String first,
      String last,
      long frames,
      double coverage,
      long runs,
      @JsonProperty("longest_gap_ms") long longestGapMs,
      @JsonProperty("gap_histogram") Map<String, Long> gapHistogram,
      @JsonProperty("quarantined_rows") long quarantinedRows,
      @JsonProperty("out_of_range_rows") long outOfRangeRows,
      long duplicates,
      @JsonProperty("out_of_order_rows") long outOfOrderRows,
      @JsonProperty("clock_jumps") long clockJumps,
      @JsonProperty("stuck_bands") List<String> stuckBands,
      @JsonProperty("constant_bands") List<String> constantBands) {
    static HealthEntry of(SensorHealth s) {
      Map<String, Long> g = new LinkedHashMap<>();
      for (int i = 0; i < s.gapHistogram().length; i++) {
        g.put(HealthTable.GAP_BUCKET_NAMES[i], s.gapHistogram()[i]);
      }
      return new HealthEntry(
          s.sensor(),
          Instant.ofEpochMilli(s.firstMs()).toString(),
          Instant.ofEpochMilli(s.lastMs()).toString(),
          s.frames(),
          Math.round(s.coverage() * 10000) / 10000.0,
          s.runs(),
          s.longestGapMs(),
          g,
          s.quarantinedRows(),
          s.outOfRangeRows(),
          s.duplicates(),
          s.outOfOrderRows(),
          s.clockJumps(),
          s.stuckBands(),
          s.constantBands());
    }
  }

  /** {@code reports/ingest.json}: the report with the run's provenance. */
  public record Written(@JsonUnwrapped IngestReport report, Provenance provenance) {}

  /** The readable summary printed at the end of a run. */
  public String summary() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "ingest → %s (%s, %.1f s)%n", output, layout, seconds));
    sb.append(
        String.format(
            Locale.ROOT,
            "  files: %d on disk = %d listed (%.1f MB) + %d skipped + %d hidden;"
                + " %d CSV sources read, %d rejected%n",
            filesOnDisk(),
            filesListed,
            inputBytes / 1e6,
            skipped.size(),
            filesIgnored,
            sources,
            sourcesRejected));
    sb.append(
        String.format(
            Locale.ROOT,
            "  rows:  %,d read = %,d kept + %,d quarantined  [%s]%n",
            rowsRead,
            rowsKept,
            rowsQuarantined,
            invariantHolds() ? "OK" : "BROKEN"));
    quarantinedByReason.forEach(
        (k, v) -> sb.append(String.format(Locale.ROOT, "         %-20s %,d%n", k, v)));
    if (!fileRejectionsByReason.isEmpty()) {
      sb.append("  files rejected:");
      fileRejectionsByReason.forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
      sb.append('\n');
    }
    if (!unknownColumns.isEmpty()) {
      sb.append("  unknown columns ignored: ").append(unknownColumns.keySet()).append('\n');
    }
    sb.append(
        String.format(
            Locale.ROOT,
            "  sensors: %d, runs: %d, frames in runs shorter than %d frames: %,d%n",
            sensors,
            runs,
            minSliceFrames,
            framesInShortRuns));
    sb.append("  gaps:");
    gapHistogram.forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
    sb.append(
        String.format(
            Locale.ROOT,
            ", longest %.1f s; out-of-order rows %d, clock jumps %d%n",
            longestGapMs / 1000.0,
            outOfOrderRows,
            clockJumps));
    appendHealthTable(sb, health);
    return Redact.text(sb.toString());
  }

  /** One line per sensor: coverage, runs, quarantined rows, stuck / constant bands. */
  private static void appendHealthTable(StringBuilder sb, List<SensorHealth> health) {
    sb.append("  sensor   coverage  runs  quarantined  stuck/constant bands\n");
    for (SensorHealth h : health) {
      sb.append(
          String.format(
              Locale.ROOT,
              "  %-8s %7.1f%% %5d %12d  %s%n",
              h.sensor(),
              100 * h.coverage(),
              h.runs(),
              h.quarantinedRows(),
              (h.stuckBands().isEmpty() && h.constantBands().isEmpty())
                  ? "-"
                  : String.join(",", h.stuckBands())
                      + " / "
                      + String.join(",", h.constantBands())));
    }
  }

  /** Collects per-source and per-run numbers on the driver. */
  static final class Builder {
    private final IngestOptions options;
    private final BandLayout layout;
    private final InputLister.Listing listing;
    private final Instant started;
    private final Map<String, String> skipped = new TreeMap<>();
    private final Map<String, Long> byReason = new TreeMap<>();
    private final Map<String, Long> fileByReason = new TreeMap<>();
    private final Map<String, Long> unknown = new TreeMap<>();
    private final TreeSet<String> extras = new TreeSet<>();
    private final Map<String, Long> gaps = new LinkedHashMap<>();
    private int sources;
    private int sourcesRejected;
    private long dataLines;
    private long blank;
    private long outOfOrder;
    private long clockJumps;
    private long runs;
    private long shortRunFrames;
    private long longestGap;

    Builder(
        IngestOptions options, BandLayout layout, InputLister.Listing listing, Instant started) {
      this.options = options;
      this.layout = layout;
      this.listing = listing;
      this.started = started;
      skipped.putAll(listing.skipped());
      for (String b : HealthTable.GAP_BUCKET_NAMES) {
        gaps.put(b, 0L);
      }
    }

    void source(SourceStats s) {
      sources++;
      dataLines += s.dataLines();
      blank += s.blankLines();
      outOfOrder += s.outOfOrder();
      clockJumps += s.clockJumps();
      sourcesRejected += s.fileRejected() ? 1 : 0;
      for (String c : s.unknownColumns()) {
        unknown.merge(c, 1L, Long::sum);
      }
      extras.addAll(s.extrasFound());
    }

    void skipped(String source, String why) {
      skipped.put(source, why);
    }

    void rejections(String reason, boolean fileLevel, long count) {
      (fileLevel ? fileByReason : byReason).merge(reason, count, Long::sum);
    }

    void run(long frames, long gapBeforeMs, int minSliceFrames) {
      runs++;
      if (frames < minSliceFrames) {
        shortRunFrames += frames;
      }
      if (gapBeforeMs > 0) {
        gaps.merge(HealthTable.GAP_BUCKET_NAMES[HealthTable.bucketOf(gapBeforeMs)], 1L, Long::sum);
        longestGap = Math.max(longestGap, gapBeforeMs);
      }
    }

    IngestReport build(long framesKept, List<SensorHealth> health) {
      long quarantined = byReason.values().stream().mapToLong(Long::longValue).sum();
      long files = fileByReason.values().stream().mapToLong(Long::longValue).sum();
      double secs = Duration.between(started, Instant.now()).toMillis() / 1000.0;
      int sensorsWithFrames = (int) health.stream().filter(h -> h.frames() > 0).count();
      return new IngestReport(
          options.output(),
          layout.toString(),
          listing.files().size(),
          listing.bytes(),
          sources,
          sourcesRejected,
          skipped,
          listing.ignored(),
          dataLines,
          framesKept,
          quarantined,
          files,
          byReason,
          fileByReason,
          blank,
          unknown,
          List.copyOf(extras),
          outOfOrder,
          clockJumps,
          sensorsWithFrames,
          runs,
          shortRunFrames,
          options.minSliceFrames(),
          gaps,
          longestGap,
          secs,
          health);
    }
  }
}
