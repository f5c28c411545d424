package org.octave2vec.generate;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Exactly what {@link SpecCenseGenerator} wrote, summed over all sensors; the same numbers go to
 * {@code truth.json}. Invariant: {@code rowsWritten == framesValid + quarantinedRows()}.
 *
 * @param framesExpected frame slots in the time range (sensors × frames per sensor)
 * @param rowsWritten data rows in all CSV members (headers excluded)
 * @param framesValid rows that are valid, one per distinct (sensor, epoch)
 * @param duplicates exact copies added right after a valid row (also under "duplicate" below)
 * @param corruptByReason quarantined rows per reason code, every code present, sorted by code
 * @param droppedFrames single missing frames
 * @param outages outages placed (each 5 s … 10 min, never touching another or the range ends)
 * @param outageFrames frames missing because of outages
 * @param outOfOrderSwaps adjacent valid rows written in swapped order (not an error)
 * @param runsPerSensor continuous runs of valid frames (gap tolerance 0), by sensor id
 * @param totalRuns sum of runsPerSensor
 * @param framesValidPerSensor valid frames by sensor id
 * @param files files on disk under {@code archive/} (the zip or tar.gz itself for those formats)
 * @param rowsPerMember data rows per CSV member, by member name relative to {@code archive/}
 * @param labels lines in {@code labels.csv}
 * @param eventsByLabel events per label, every label present, sorted
 */
public record GenerateSummary(
    long framesExpected,
    long rowsWritten,
    long framesValid,
    long duplicates,
    Map<String, Long> corruptByReason,
    long droppedFrames,
    int outages,
    long outageFrames,
    long outOfOrderSwaps,
    Map<String, Integer> runsPerSensor,
    int totalRuns,
    Map<String, Long> framesValidPerSensor,
    List<Path> files,
    Map<String, Long> rowsPerMember,
    int labels,
    Map<String, Integer> eventsByLabel) {

  /** Rows an ingest must quarantine: corrupted rows plus duplicates. */
  public long quarantinedRows() {
    return corruptByReason.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Frame slots with no valid row: dropped, in an outage, or replaced by a corrupted row. */
  public long framesMissing() {
    return framesExpected - framesValid;
  }
}
