package org.octave2vec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.octave2vec.common.BandLayout;

/**
 * Each table's schema class owns its column names: outside those classes, src/main reads no row
 * field by position ({@code r.getString(0)}) and spells no column name as a string literal ({@code
 * "sensor"}, {@code col("split")}); jobs use the classes' constants. The names checked are those of
 * the schema classes' own StructTypes. A few literals that happen to spell a column name but name
 * something else are allowed below, each with its reason.
 */
class ColumnLiteralsTest {
  private static final Path MAIN = Path.of("src/main/java");

  /** The classes that own a table's (or an internal row's) columns, by class name. */
  static final List<String> SCHEMA_CLASSES =
      List.of(
          "org.octave2vec.common.FramesTable",
          "org.octave2vec.common.SlicesTable",
          "org.octave2vec.common.RunsTable",
          "org.octave2vec.common.HealthTable",
          "org.octave2vec.common.QuarantineTable",
          "org.octave2vec.common.ManifestTable",
          "org.octave2vec.common.SamplesTable",
          "org.octave2vec.common.EmbeddingsTable",
          "org.octave2vec.common.PooledEmbeddingsTable",
          "org.octave2vec.nightly.DaysTable",
          "org.octave2vec.ingest.IngestRows");

  /**
   * Literals allowed in one file (simple name) although they spell a column name, and why: they are
   * not column names there.
   */
  static final Map<String, Set<String>> ALLOWED =
      Map.ofEntries(
          // the hash salt of --split-by sensor: changing how it is spelled would move every split
          Map.entry("Splitter.java", Set.of("sensor")),
          // --split-by's choice value
          Map.entry("SliceOptions.java", Set.of("sensor")),
          // the header of user CSV files (calibration offsets, labels)
          Map.entry("Calibration.java", Set.of("sensor")),
          Map.entry("Labels.java", Set.of("sensor")),
          // evaluation task names and keys of the evaluation report (JSON)
          Map.entry("EvaluateOptions.java", Set.of("sensor")),
          Map.entry("Tasks.java", Set.of("sensor", "unit", "target")),
          Map.entry("EvaluateJob.java", Set.of("windows")),
          Map.entry("EvaluationReport.java", Set.of("windows")),
          Map.entry("ReportWriter.java", Set.of("windows", "unit")),
          // ONNX graph input and output names, DL4J parameter keys
          Map.entry("OnnxExport.java", Set.of("levels", "embedding", "b", "mean")),
          // pooling choices and a graph input's name
          Map.entry("ModelConfig.java", Set.of("max", "mean")),
          Map.entry("TrainOptions.java", Set.of("max")),
          Map.entry("Audio2VecModels.java", Set.of("context", "max", "mean")),
          // a byte-size suffix
          Map.entry("Doctor.java", Set.of("b")),
          // directory of frame files and keys of JSON records (generate summary, pretrain report)
          Map.entry("IngestJob.java", Set.of("frames")),
          Map.entry("PretrainJob.java", Set.of("frames", "runs")),
          Map.entry("GenerateSummary.java", Set.of("duplicates")));

  /** A typed field read by position on a row: {@code r.getLong(4)}, {@code r.<Row>getList(5)}. */
  static final Pattern POSITIONAL =
      Pattern.compile(
          "\\.(?:<[^>]*>)?(?:get(?:String|Long|Int|Double|Float|Timestamp|Date|Decimal|Boolean"
              + "|As|Short|Byte|List|Seq|Struct|Map|JavaMap|Instant|LocalDate)|isNullAt)"
              + "\\(\\s*\\d+\\s*\\)");

  private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

  /** JSON property names of records, and an enum constant's spelling. */
  private static final Pattern EXEMPT_LINE =
      Pattern.compile("@JsonProperty\\(|^\\s*[A-Z][A-Z0-9_]*\\(\"");

  @Test
  void noRowFieldReadByPosition() throws IOException {
    List<String> found = new ArrayList<>();
    for (Path f : sources()) {
      if (isSchemaClass(f)) {
        continue;
      }
      List<String> lines = Files.readAllLines(f);
      for (int i = 0; i < lines.size(); i++) {
        if (POSITIONAL.matcher(code(lines.get(i))).find()) {
          found.add(MAIN.relativize(f) + ":" + (i + 1) + ": " + lines.get(i).trim());
        }
      }
    }
    assertTrue(
        found.isEmpty(),
        "rows read by position (read by the schema class's column name instead):\n"
            + String.join("\n", found));
  }

  @Test
  void noColumnNameLiteral() throws Exception {
    Set<String> names = columnNames();
    assertTrue(names.containsAll(Set.of("sensor", "split", "embedding", "a_shift", "unit")));
    List<String> found = new ArrayList<>();
    for (Path f : sources()) {
      if (isSchemaClass(f)) {
        continue;
      }
      Set<String> allowed = ALLOWED.getOrDefault(f.getFileName().toString(), Set.of());
      List<String> lines = Files.readAllLines(f);
      boolean jsonOrder = false;
      for (int i = 0; i < lines.size(); i++) {
        String line = code(lines.get(i));
        // a metadata record's @JsonPropertyOrder lists JSON keys, not columns
        jsonOrder |= line.contains("@JsonPropertyOrder(");
        if (jsonOrder || EXEMPT_LINE.matcher(line).find()) {
          jsonOrder &= !line.contains(")");
          continue;
        }
        Matcher m = LITERAL.matcher(line);
        while (m.find()) {
          if (names.contains(m.group(1)) && !allowed.contains(m.group(1))) {
            found.add(MAIN.relativize(f) + ":" + (i + 1) + ": " + lines.get(i).trim());
          }
        }
      }
    }
    assertTrue(
        found.isEmpty(),
        "column names spelled as literals (use the schema class's constant):\n"
            + String.join("\n", found));
  }

  @Test
  void findsWhatItLooksFor() {
    assertTrue(POSITIONAL.matcher("String s = r.getString(0);").find());
    assertTrue(POSITIONAL.matcher("for (Row d : r.<Row>getList(5)) {").find());
    assertTrue(POSITIONAL.matcher("if (!r.isNullAt(3)) {").find());
    assertTrue(!POSITIONAL.matcher("r.getString(sensor)").find());
    assertTrue(!POSITIONAL.matcher("r.getLong(RunsTable.SPAN_FIRST)").find());
    assertEquals("", code("// \"sensor\" in a comment").trim());
    assertTrue(EXEMPT_LINE.matcher("  @JsonProperty(\"run_id\") String runId,").find());
  }

  /** Every column name in the schema classes' StructTypes (band and extra columns aside). */
  static Set<String> columnNames() throws Exception {
    Set<String> out = new TreeSet<>();
    for (String cls : SCHEMA_CLASSES) {
      Class<?> c = Class.forName(cls);
      for (Field f : c.getDeclaredFields()) {
        if (Modifier.isStatic(f.getModifiers()) && f.getType() == StructType.class) {
          f.setAccessible(true);
          collect((StructType) f.get(null), out);
        }
      }
      for (Method m : c.getDeclaredMethods()) {
        if (!Modifier.isStatic(m.getModifiers()) || m.getReturnType() != StructType.class) {
          continue;
        }
        m.setAccessible(true);
        Class<?>[] p = m.getParameterTypes();
        if (p.length == 1 && p[0] == boolean.class) {
          collect((StructType) m.invoke(null, false), out);
          collect((StructType) m.invoke(null, true), out);
        } else if (p.length == 2 && p[0] == BandLayout.class && p[1] == List.class) {
          BandLayout layout = BandLayout.cense29();
          StructType s = (StructType) m.invoke(null, layout, List.of("extra"));
          Set<String> own = new TreeSet<>();
          collect(s, own);
          own.removeAll(layout.columns());
          own.remove("extra");
          out.addAll(own);
        }
      }
    }
    return out;
  }

  private static void collect(StructType s, Set<String> out) {
    for (StructField f : s.fields()) {
      out.add(f.name());
      DataType t = f.dataType();
      if (t instanceof ArrayType a) {
        t = a.elementType();
      }
      if (t instanceof StructType nested) {
        collect(nested, out);
      }
    }
  }

  private static boolean isSchemaClass(Path f) {
    String name = MAIN.relativize(f).toString().replace('\\', '/');
    return SCHEMA_CLASSES.stream().anyMatch(c -> name.equals(c.replace('.', '/') + ".java"));
  }

  /** The line without a trailing or whole-line comment (Javadoc and // comments). */
  static String code(String line) {
    String t = line.trim();
    if (t.startsWith("*") || t.startsWith("/*") || t.startsWith("//")) {
      return "";
    }
    int c = line.indexOf("// ");
    return c >= 0 && line.lastIndexOf('"', c) < 0 ? line.substring(0, c) : line;
  }

  private static List<Path> sources() throws IOException {
    try (Stream<Path> s = Files.walk(MAIN)) {
      return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
  }
}
