package org.octave2vec.generate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code truth.json}: what an ingest of the archive must find, so its tests can assert exact
 * counts. Field names are stable; {@link #FORMAT_VERSION} changes if their meaning does.
 */
public final class TruthFile {
  public static final String NAME = "truth.json";
  public static final int FORMAT_VERSION = 1;

  private TruthFile() {}

  static void write(GenerateOptions o, GenerateSummary s, Path outputDir) throws IOException {
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(outputDir.resolve(NAME).toFile(), toMap(o, s, outputDir));
  }

  /** The JSON tree, in a fixed key order so equal runs give equal bytes. */
  static Map<String, Object> toMap(GenerateOptions o, GenerateSummary s, Path outputDir) {
    Map<String, Object> options = new LinkedHashMap<>();
    options.put("sensors", o.sensors());
    options.put("hours", o.hours());
    options.put("seed", o.seed());
    options.put("startEpochMs", o.startEpochMs());
    options.put("format", o.format());
    options.put("splitDays", o.splitDays());
    options.put("corruptRate", o.corruptRate());
    options.put("dropRate", o.dropRate());
    options.put("outagesPerHour", o.outagesPerHour());
    options.put("layout", o.layout().name());
    options.put("bands", o.layout().headers());

    Map<String, Object> outages = new LinkedHashMap<>();
    outages.put("count", s.outages());
    outages.put("framesMissing", s.outageFrames());

    Map<String, Object> t = new LinkedHashMap<>();
    t.put("formatVersion", FORMAT_VERSION);
    t.put("generator", SpecCenseGenerator.class.getName());
    t.put("options", options);
    t.put("frameMs", GenerateOptions.FRAME_MS);
    t.put("startEpochMs", o.startEpochMs());
    // Exclusive: one frame past the last slot.
    t.put("endEpochMs", o.startEpochMs() + o.framesPerSensor() * GenerateOptions.FRAME_MS);
    t.put("framesPerSensor", o.framesPerSensor());
    t.put("framesExpected", s.framesExpected());
    t.put("rowsWritten", s.rowsWritten());
    t.put("framesValid", s.framesValid());
    t.put("framesMissing", s.framesMissing());
    t.put("quarantinedRows", s.quarantinedRows());
    t.put("duplicates", s.duplicates());
    t.put("corruptRows", s.quarantinedRows() - s.duplicates());
    t.put("corruptByReason", s.corruptByReason());
    t.put("droppedFrames", s.droppedFrames());
    t.put("outages", outages);
    t.put("outOfOrderSwaps", s.outOfOrderSwaps());
    t.put("gapToleranceFrames", 0);
    t.put("runsPerSensor", s.runsPerSensor());
    t.put("totalRuns", s.totalRuns());
    t.put("framesValidPerSensor", s.framesValidPerSensor());
    t.put("files", relative(s.files(), outputDir));
    t.put("rowsPerMember", s.rowsPerMember());
    t.put("labels", s.labels());
    t.put("eventsByLabel", s.eventsByLabel());
    return t;
  }

  /** Paths relative to the output directory with '/' separators, as a portable record. */
  static List<String> relative(List<Path> files, Path outputDir) {
    return files.stream()
        .map(p -> outputDir.toAbsolutePath().relativize(p.toAbsolutePath()).toString()
            .replace('\\', '/'))
        .toList();
  }
}
