package org.octave2vec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every closed set of choices is an enum ({@link org.octave2vec.common.Spelled}): no {@code case
 * "word"} and no comparison with a string literal in src/main stands for one. The few literals that
 * remain are not choices of an option; each is listed here with why.
 */
class ChoiceStringsTest {
  private static final Path MAIN = Path.of("src/main/java/org/octave2vec");

  /** {@code case "x"}, {@code .equals("x")}, {@code "x".equals(}, and their IgnoreCase forms. */
  private static final Pattern LITERAL =
      Pattern.compile(
          "case\\s+\"([^\"]*)\"|\\.equals(?:IgnoreCase)?\\(\"([^\"]*)\"\\)"
              + "|\"([^\"]*)\"\\.equals(?:IgnoreCase)?\\(");

  /** FILE:LITERAL (FILE relative to org/octave2vec) that are no option choice, and why. */
  private static final Map<String, String> ALLOWED =
      Map.ofEntries(
          // file signatures and chunk ids of the audio formats read: bytes of a file, not choices
          Map.entry("audio/AudioReader.java:RIFF", "WAV magic"),
          Map.entry("audio/AudioReader.java:WAVE", "WAV magic"),
          Map.entry("audio/AudioReader.java:fLaC", "FLAC magic"),
          Map.entry("audio/AudioReader.java:OggS", "Ogg magic"),
          Map.entry("audio/AudioReader.java:fmt ", "WAV chunk id"),
          // names of evaluation feature sets and tasks: an open set (any embedding the user
          // names), of which these are the built-in or reserved members
          Map.entry("cli/DemoCommand.java:untrained", "feature set name in eval results"),
          Map.entry("eval/EvaluateOptions.java:majority", "reserved feature set name"),
          Map.entry("eval/ReportWriter.java:majority", "the majority baseline's feature set"),
          Map.entry("eval/Tasks.java:events", "eval task name checked against the labels given"),
          // a line of the Markdown report that evaluate reads back
          Map.entry("cli/EvaluateCommand.java:# All splits", "report heading"),
          // an environment variable's value (OCTAVE2VEC_DOCTOR=0 turns the preflight off)
          Map.entry("cli/SparkOptions.java:0", "environment switch"),
          // where a doctor check ran: the driver or an executor's host name (open set)
          Map.entry("cluster/Doctor.java:driver", "check location"),
          Map.entry("cluster/DoctorJob.java:driver", "check location"),
          // the name a band layout read from headers gets when it is no preset (BandLayout's own)
          Map.entry("common/BandLayout.java:custom", "layout name of a header list"),
          Map.entry("ingest/CsvHeader.java:custom", "layout name of a header list"),
          // CSV headers and cells: data read from files
          Map.entry("eval/Labels.java:sensor,start_epoch,end_epoch,label", "CSV header"),
          Map.entry("eval/Labels.java:sensor", "CSV header"),
          Map.entry("ingest/Calibration.java:sensor", "CSV header"),
          Map.entry("ingest/CsvHeader.java:epoch", "CSV header"),
          Map.entry("ingest/FrameParser.java:nan", "CSV cell spelling of a non-finite level"),
          Map.entry("ingest/FrameParser.java:inf", "CSV cell spelling of a non-finite level"),
          Map.entry("ingest/FrameParser.java:infinity", "CSV cell spelling of a non-finite level"),
          // the older spellings of the gap task that Task.of still reads
          Map.entry("common/Task.java:temporal_gap", "old spelling read back"),
          Map.entry("common/Task.java:temporalgap", "old spelling read back"));

  static List<String> literals() throws IOException {
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(MAIN)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
        String rel = MAIN.relativize(f).toString().replace('\\', '/');
        List<String> lines = Files.readAllLines(f);
        for (int i = 0; i < lines.size(); i++) {
          String line = lines.get(i);
          if (line.trim().startsWith("//") || line.trim().startsWith("*")) {
            continue;
          }
          Matcher m = LITERAL.matcher(line);
          while (m.find()) {
            String lit =
                m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
            found.add(rel + ":" + lit + "\t(line " + (i + 1) + ")");
          }
        }
      }
    }
    return found;
  }

  @Test
  void noChoiceIsAStringLiteralInMainCode() throws IOException {
    List<String> found = literals();
    TreeSet<String> unexplained = new TreeSet<>();
    for (String f : found) {
      if (!ALLOWED.containsKey(f.substring(0, f.indexOf('\t')))) {
        unexplained.add(f);
      }
    }
    assertEquals(
        new TreeSet<>(),
        unexplained,
        "a closed set of choices is an enum implementing common.Spelled, bound by picocli through "
            + "cli.ChoiceConverters; a literal that is no choice goes in ChoiceStringsTest.ALLOWED "
            + "with why");
  }

  @Test
  void everyAllowedLiteralIsStillThere() throws IOException {
    TreeSet<String> present = new TreeSet<>();
    literals().forEach(f -> present.add(f.substring(0, f.indexOf('\t'))));
    TreeSet<String> stale = new TreeSet<>(ALLOWED.keySet());
    stale.removeAll(present);
    assertEquals(new TreeSet<>(), stale, "allowed literals no longer in src/main: drop them");
  }
}
