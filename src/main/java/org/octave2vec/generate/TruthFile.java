package org.octave2vec.generate;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code truth.json}: what an ingest of the archive must find, so its tests can assert exact
 * counts. Field names are stable; {@link #FORMAT_VERSION} changes if their meaning does. The
 * generator's options and time range, then the {@link GenerateSummary} itself (its properties
 * inline, in its declared order), so equal runs give equal bytes.
 *
 * @param endEpochMs exclusive: one frame past the last slot
 * @param summary the counts; its {@code files} are written relative to the output directory with
 *     '/' separators, a portable record
 */
public record TruthFile(
    int formatVersion,
    String generator,
    Options options,
    long frameMs,
    long startEpochMs,
    long endEpochMs,
    int framesPerSensor,
    @JsonUnwrapped GenerateSummary summary) {
  public static final String NAME = "truth.json";
  public static final int FORMAT_VERSION = 1;

  /** The generator's options, as given; the band layout by its name and columns. */
  public record Options(
      @JsonUnwrapped @JsonIgnoreProperties("layout") GenerateOptions given,
      String layout,
      List<String> bands) {}

  static void write(GenerateOptions o, GenerateSummary s, Path outputDir) throws IOException {
    new ObjectMapper()
        .registerModule(new SimpleModule().addSerializer(new RelativePath(outputDir)))
        .enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(outputDir.resolve(NAME).toFile(), of(o, s));
  }

  static TruthFile of(GenerateOptions o, GenerateSummary s) {
    Options options = new Options(o, o.layout().name(), o.layout().headers());
    return new TruthFile(
        FORMAT_VERSION,
        SpecCenseGenerator.class.getName(),
        options,
        GenerateOptions.FRAME_MS,
        o.startEpochMs(),
        o.startEpochMs() + o.framesPerSensor() * GenerateOptions.FRAME_MS,
        o.framesPerSensor(),
        s);
  }

  /** Paths relative to the output directory with '/' separators, as a portable record. */
  static String relative(Path p, Path outputDir) {
    return outputDir.toAbsolutePath().relativize(p.toAbsolutePath()).toString().replace('\\', '/');
  }

  /** Writes every path of the summary as {@link #relative}. */
  private static final class RelativePath extends StdSerializer<Path> {
    private final transient Path outputDir;

    RelativePath(Path outputDir) {
      super(Path.class);
      this.outputDir = outputDir;
    }

    @Override
    public void serialize(Path p, JsonGenerator g, SerializerProvider sp) throws IOException {
      g.writeString(relative(p, outputDir));
    }
  }
}
