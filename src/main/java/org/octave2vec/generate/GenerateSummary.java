package org.octave2vec.generate;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Exactly what {@link SpecCenseGenerator} wrote, summed over all sensors. {@code truth.json}
 * ({@link TruthFile}) is this record serialized, after the generator's options, in the property
 * order below: the derived counts ({@code framesMissing}, {@code quarantinedRows}, {@code
 * corruptRows}, {@code gapToleranceFrames}) beside the ones they come from, the outages as one
 * object, {@code files} relative to the output directory. Invariant: {@code rowsWritten ==
 * framesValid + quarantinedRows()}.
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
@JsonPropertyOrder({
  "framesExpected",
  "rowsWritten",
  "framesValid",
  "framesMissing",
  "quarantinedRows",
  "duplicates",
  "corruptRows",
  "corruptByReason",
  "droppedFrames",
  "outages",
  "outOfOrderSwaps",
  "gapToleranceFrames",
  "runsPerSensor",
  "totalRuns",
  "framesValidPerSensor",
  "files",
  "rowsPerMember",
  "labels",
  "eventsByLabel"
})
public record GenerateSummary(
    long framesExpected,
    long rowsWritten,
    long framesValid,
    long duplicates,
    Map<String, Long> corruptByReason,
    long droppedFrames,
    @JsonIgnore int outages,
    @JsonIgnore long outageFrames,
    long outOfOrderSwaps,
    Map<String, Integer> runsPerSensor,
    int totalRuns,
    Map<String, Long> framesValidPerSensor,
    List<Path> files,
    Map<String, Long> rowsPerMember,
    int labels,
    Map<String, Integer> eventsByLabel) {

  /** Outages placed and the frames they took, as {@code truth.json} groups them. */
  public record Outages(int count, long framesMissing) {}

  /** Rows an ingest must quarantine: corrupted rows plus duplicates. */
  @JsonProperty("quarantinedRows")
  public long quarantinedRows() {
    return corruptByReason.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Frame slots with no valid row: dropped, in an outage, or replaced by a corrupted row. */
  @JsonProperty("framesMissing")
  public long framesMissing() {
    return framesExpected - framesValid;
  }

  /** Quarantined rows that are not duplicates. */
  @JsonProperty("corruptRows")
  public long corruptRows() {
    return quarantinedRows() - duplicates;
  }

  @JsonProperty("outages")
  Outages outagesPlaced() {
    return new Outages(outages, outageFrames);
  }

  /** The gap tolerance {@code runsPerSensor} and {@code totalRuns} were counted with. */
  @JsonProperty("gapToleranceFrames")
  int gapToleranceFrames() {
    return 0;
  }
}
