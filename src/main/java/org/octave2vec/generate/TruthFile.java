package org.octave2vec.generate;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code truth.json}: what an ingest of the archive must find, so its tests can assert exact
 * counts. Field names are stable; {@link #FORMAT_VERSION} changes if their meaning does. Written
 * from this record in component order, so equal runs give equal bytes.
 *
 * @param endEpochMs exclusive: one frame past the last slot
 * @param corruptRows quarantined rows that are not duplicates
 * @param files paths relative to the output directory with '/' separators, a portable record
 */
public record TruthFile(
    int formatVersion,
    String generator,
    Options options,
    long frameMs,
    long startEpochMs,
    long endEpochMs,
    int framesPerSensor,
    long framesExpected,
    long rowsWritten,
    long framesValid,
    long framesMissing,
    long quarantinedRows,
    long duplicates,
    long corruptRows,
    Map<String, Long> corruptByReason,
    long droppedFrames,
    Outages outages,
    long outOfOrderSwaps,
    int gapToleranceFrames,
    Map<String, Integer> runsPerSensor,
    int totalRuns,
    Map<String, Long> framesValidPerSensor,
    List<String> files,
    Map<String, Long> rowsPerMember,
    int labels,
    Map<String, Integer> eventsByLabel) {
  public static final String NAME = "truth.json";
  public static final int FORMAT_VERSION = 1;

  /** The generator's options, as given; the band layout by its name and columns. */
  public record Options(
      @JsonUnwrapped @JsonIgnoreProperties("layout") GenerateOptions given,
      String layout,
      List<String> bands) {}

  /** Outages placed and the frames they took. */
  public record Outages(int count, long framesMissing) {}

  static void write(GenerateOptions o, GenerateSummary s, Path outputDir) throws IOException {
    new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(outputDir.resolve(NAME).toFile(), of(o, s, outputDir));
  }

  static TruthFile of(GenerateOptions o, GenerateSummary s, Path outputDir) {
    Options options = new Options(o, o.layout().name(), o.layout().headers());
    return new TruthFile(
        FORMAT_VERSION,
        SpecCenseGenerator.class.getName(),
        options,
        GenerateOptions.FRAME_MS,
        o.startEpochMs(),
        o.startEpochMs() + o.framesPerSensor() * GenerateOptions.FRAME_MS,
        o.framesPerSensor(),
        s.framesExpected(),
        s.rowsWritten(),
        s.framesValid(),
        s.framesMissing(),
        s.quarantinedRows(),
        s.duplicates(),
        s.quarantinedRows() - s.duplicates(),
        s.corruptByReason(),
        s.droppedFrames(),
        new Outages(s.outages(), s.outageFrames()),
        s.outOfOrderSwaps(),
        0,
        s.runsPerSensor(),
        s.totalRuns(),
        s.framesValidPerSensor(),
        relative(s.files(), outputDir),
        s.rowsPerMember(),
        s.labels(),
        s.eventsByLabel());
  }

  /** Paths relative to the output directory with '/' separators, as a portable record. */
  static List<String> relative(List<Path> files, Path outputDir) {
    return files.stream()
        .map(
            p ->
                outputDir
                    .toAbsolutePath()
                    .relativize(p.toAbsolutePath())
                    .toString()
                    .replace('\\', '/'))
        .toList();
  }
}
