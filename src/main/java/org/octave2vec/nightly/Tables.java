package org.octave2vec.nightly;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.octave2vec.common.FramesTable;
import org.octave2vec.common.HealthTable;
import org.octave2vec.common.ManifestTable;
import org.octave2vec.common.QuarantineTable;
import org.octave2vec.common.RunsTable;
import org.octave2vec.common.SlicesTable;
import org.octave2vec.common.TableRoot;
import org.octave2vec.ingest.IngestState;
import org.octave2vec.ingest.InputLister.InputFile;

/**
 * Where the nightly job's tables live (relative to the table root) and small helpers around them.
 */
final class Tables {
  static final String FRAMES = FramesTable.NAME;
  static final String QUARANTINE = QuarantineTable.NAME;
  static final String RUNS = RunsTable.NAME;
  static final String HEALTH = HealthTable.NAME;
  static final String SLICES = SlicesTable.NAME;
  static final String NORM_STATS = SlicesTable.NORM_STATS;
  static final String SAMPLES = TableRoot.SAMPLES;
  static final String MANIFEST = ManifestTable.NAME;
  static final String REPORTS = TableRoot.REPORTS;

  /** The hidden per-sensor-day state ({@link DayStates}). */
  static final String DAYS = Journal.DIR + "/days";

  private Tables() {}

  /** This run's staging directory, relative to the root. */
  static String staging(String runId) {
    return Journal.DIR + "/staging-" + runId;
  }

  static boolean exists(Configuration conf, String path) throws IOException {
    Path p = new Path(path);
    return p.getFileSystem(conf).exists(p);
  }

  /** Paths as literal inputs of the ingest's lister: glob characters escaped. */
  static List<String> literal(Collection<String> paths) {
    List<String> out = new ArrayList<>();
    for (String p : paths) {
      if (p.chars().anyMatch(c -> "*?[{".indexOf(c) >= 0)) {
        StringBuilder sb = new StringBuilder();
        for (char c : p.toCharArray()) {
          if ("\\*?[]{}".indexOf(c) >= 0) {
            sb.append('\\');
          }
          sb.append(c);
        }
        out.add(sb.toString());
      } else {
        out.add(p);
      }
    }
    return out;
  }

  /** The input file a source label belongs to: the file itself, or {@code file!/member}. */
  static String fileOf(String source, Set<String> files) {
    if (files.contains(source)) {
      return source;
    }
    for (int i = source.indexOf("!/"); i >= 0; i = source.indexOf("!/", i + 2)) {
      if (files.contains(source.substring(0, i))) {
        return source.substring(0, i);
      }
    }
    throw new IllegalStateException("source " + source + " belongs to no file read this run");
  }

  /**
   * Manifest entries of files just read: the sensor-days their sources' kept epochs span, and their
   * per-source counts.
   */
  static Map<String, ManifestEntry> entries(
      Collection<InputFile> files,
      IngestState state,
      Function<String, String> checksum,
      String runId) {
    Map<String, InputFile> byPath = new TreeMap<>();
    files.forEach(f -> byPath.put(f.path(), f));
    Map<String, Set<DayKey>> days = new TreeMap<>();
    Map<String, List<ManifestEntry.SourceCounts>> sources = new TreeMap<>();
    for (IngestState.Source s : state.sources()) {
      String f = fileOf(s.source(), byPath.keySet());
      sources
          .computeIfAbsent(f, k -> new ArrayList<>())
          .add(new ManifestEntry.SourceCounts(s.sensor(), s.outOfOrder(), s.clockJumps()));
      if (s.sensor() != null && s.hasFrames()) {
        days.computeIfAbsent(f, k -> new TreeSet<>())
            .addAll(DayKey.span(s.sensor(), s.firstMs(), s.lastMs()));
      }
    }
    Map<String, ManifestEntry> out = new TreeMap<>();
    for (InputFile f : byPath.values()) {
      out.put(
          f.path(),
          new ManifestEntry(
              f.path(),
              f.size(),
              f.modifiedMs(),
              checksum.apply(f.path()),
              runId,
              List.copyOf(days.getOrDefault(f.path(), Set.of())),
              List.copyOf(sources.getOrDefault(f.path(), List.of()))));
    }
    return out;
  }
}
