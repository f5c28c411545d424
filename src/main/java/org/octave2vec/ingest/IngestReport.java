package org.octave2vec.ingest;

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
import org.octave2vec.common.Redact;

/**
 * What an ingest did, in numbers. The invariant every run must satisfy:
 * {@code rowsRead == rowsKept + rowsQuarantined} (row-level rejections; whole-file rejections are
 * counted apart, in {@code fileRejections}).
 */
public record IngestReport(
    String output,
    String layout,
    int filesListed,
    long inputBytes,
    int sources,
    int sourcesRejected,
    Map<String, String> skipped,
    long rowsRead,
    long rowsKept,
    long rowsQuarantined,
    long fileRejections,
    Map<String, Long> quarantinedByReason,
    Map<String, Long> fileRejectionsByReason,
    long blankLines,
    Map<String, Long> unknownColumns,
    List<String> extrasFound,
    long outOfOrderRows,
    long clockJumps,
    int sensors,
    long runs,
    long framesInShortRuns,
    int minSliceFrames,
    Map<String, Long> gapHistogram,
    long longestGapMs,
    double seconds,
    List<SensorHealth> health) {

  public boolean invariantHolds() {
    return rowsRead == rowsKept + rowsQuarantined;
  }

  /** For JSON: plain maps and lists only. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("output", output);
    m.put("band_layout", layout);
    m.put("files_listed", filesListed);
    m.put("input_bytes", inputBytes);
    m.put("sources_read", sources);
    m.put("sources_rejected", sourcesRejected);
    m.put("skipped", skipped);
    m.put("rows_read", rowsRead);
    m.put("rows_kept", rowsKept);
    m.put("rows_quarantined", rowsQuarantined);
    m.put("invariant_rows_read_eq_kept_plus_quarantined", invariantHolds());
    m.put("quarantined_by_reason", quarantinedByReason);
    m.put("file_rejections", fileRejections);
    m.put("file_rejections_by_reason", fileRejectionsByReason);
    m.put("blank_lines", blankLines);
    m.put("unknown_columns_ignored", unknownColumns);
    m.put("extras_found", extrasFound);
    m.put("out_of_order_rows", outOfOrderRows);
    m.put("clock_jumps", clockJumps);
    m.put("sensors", sensors);
    m.put("runs", runs);
    m.put("min_slice_frames", minSliceFrames);
    m.put("frames_in_runs_shorter_than_a_slice", framesInShortRuns);
    m.put("gap_histogram", gapHistogram);
    m.put("longest_gap_ms", longestGapMs);
    m.put("seconds", seconds);
    List<Map<String, Object>> h = health.stream().map(IngestReport::healthMap).toList();
    m.put("health", h);
    return m;
  }

  private static Map<String, Object> healthMap(SensorHealth s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("sensor", s.sensor());
    m.put("first", Instant.ofEpochMilli(s.firstMs()).toString());
    m.put("last", Instant.ofEpochMilli(s.lastMs()).toString());
    m.put("frames", s.frames());
    m.put("coverage", Math.round(s.coverage() * 10000) / 10000.0);
    m.put("runs", s.runs());
    m.put("longest_gap_ms", s.longestGapMs());
    Map<String, Long> g = new LinkedHashMap<>();
    for (int i = 0; i < s.gapHistogram().length; i++) {
      g.put(HealthTable.GAP_BUCKET_NAMES[i], s.gapHistogram()[i]);
    }
    m.put("gap_histogram", g);
    m.put("quarantined_rows", s.quarantinedRows());
    m.put("out_of_range_rows", s.outOfRangeRows());
    m.put("duplicates", s.duplicates());
    m.put("out_of_order_rows", s.outOfOrderRows());
    m.put("clock_jumps", s.clockJumps());
    m.put("stuck_bands", s.stuckBands());
    m.put("constant_bands", s.constantBands());
    return m;
  }

  /** The readable summary printed at the end of a run. */
  public String summary() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "ingest → %s (%s, %.1f s)%n", output, layout, seconds));
    sb.append(String.format(Locale.ROOT, "  files: %d listed (%.1f MB), %d CSV sources read, %d rejected, %d skipped%n",
        filesListed, inputBytes / 1e6, sources, sourcesRejected, skipped.size()));
    sb.append(String.format(Locale.ROOT, "  rows:  %,d read = %,d kept + %,d quarantined  [%s]%n",
        rowsRead, rowsKept, rowsQuarantined, invariantHolds() ? "OK" : "BROKEN"));
    quarantinedByReason.forEach((k, v) -> sb.append(String.format(Locale.ROOT, "         %-20s %,d%n", k, v)));
    if (!fileRejectionsByReason.isEmpty()) {
      sb.append("  files rejected:");
      fileRejectionsByReason.forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
      sb.append('\n');
    }
    if (!unknownColumns.isEmpty()) {
      sb.append("  unknown columns ignored: ").append(unknownColumns.keySet()).append('\n');
    }
    sb.append(String.format(Locale.ROOT, "  sensors: %d, runs: %d, frames in runs shorter than %d frames: %,d%n",
        sensors, runs, minSliceFrames, framesInShortRuns));
    sb.append("  gaps:");
    gapHistogram.forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
    sb.append(String.format(Locale.ROOT, ", longest %.1f s; out-of-order rows %d, clock jumps %d%n",
        longestGapMs / 1000.0, outOfOrderRows, clockJumps));
    sb.append("  sensor   coverage  runs  quarantined  stuck/constant bands\n");
    for (SensorHealth h : health) {
      sb.append(String.format(Locale.ROOT, "  %-8s %7.1f%% %5d %12d  %s%n", h.sensor(),
          100 * h.coverage(), h.runs(), h.quarantinedRows(),
          (h.stuckBands().isEmpty() && h.constantBands().isEmpty()) ? "-"
              : String.join(",", h.stuckBands()) + " / " + String.join(",", h.constantBands())));
    }
    return Redact.text(sb.toString());
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

    Builder(IngestOptions options, BandLayout layout, InputLister.Listing listing, Instant started) {
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
      return new IngestReport(options.output(), layout.toString(), listing.files().size(),
          listing.bytes(), sources, sourcesRejected, skipped, dataLines, framesKept, quarantined,
          files, byReason, fileByReason, blank, unknown, List.copyOf(extras), outOfOrder, clockJumps,
          sensorsWithFrames, runs, shortRunFrames, options.minSliceFrames(), gaps, longestGap, secs,
          health);
    }
  }
}
