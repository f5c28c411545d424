package org.octave2vec.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.octave2vec.common.Json;

class ReportWriterTest {
  @TempDir Path dir;

  @Test
  void writesJsonMarkdownAndPngs() throws Exception {
    List<String> classes = List.of("bird", "none", "traffic");
    int[][] conf = {{5, 1, 0}, {0, 30, 2}, {1, 3, 20}};
    List<TaskResult> results =
        List.of(
            new TaskResult(
                "events",
                "cbow",
                TaskResult.ACCURACY,
                0.87,
                0.02,
                62,
                classes,
                conf,
                0.8,
                0.03,
                List.of(1e-2, 1e-3)),
            new TaskResult(
                "events",
                "majority",
                TaskResult.ACCURACY,
                0.52,
                0.01,
                62,
                classes,
                conf,
                0.2,
                0.0,
                List.of()),
            new TaskResult(
                "lden",
                "cbow",
                TaskResult.PEARSON_R,
                0.91,
                0.05,
                62,
                List.of(),
                null,
                null,
                null,
                List.of(1.0)));
    Path loss = dir.resolve("loss_history.csv");
    Files.writeString(loss, "epoch,train_loss,val_loss,seconds\n1,2.0,2.1,3\n2,1.5,,3\n");
    double[][] xy = {{0, 0}, {1, 1}, {2, 0.5}};
    String out = dir.resolve("report").toString();
    List<String> written =
        ReportWriter.write(
            new Configuration(),
            out,
            report(62, results, null),
            List.of(
                new ReportWriter.Scatter("cbow events", xy, new String[] {"bird", "none", "bird"})),
            loss.toString());
    assertEquals(6, written.size(), written.toString());
    for (String png :
        List.of("metrics.png", "confusion_events_cbow.png", "pca_cbow_events.png", "loss.png")) {
      byte[] b = Files.readAllBytes(Path.of(out, png));
      assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(b, 4), png);
    }
    Map<String, Object> json = Json.read(new Configuration(), out + "/metrics.json");
    assertEquals(3, ((List<?>) json.get("results")).size());
    assertEquals(62, json.get("windows"));
    String md = Files.readString(Path.of(out, "report.md"));
    assertTrue(
        md.contains("| events | accuracy | 62 | 3 | 0.333 | 0.870 ± 0.020 | 0.520 ± 0.010 |"), md);
    assertTrue(md.contains("| lden | pearson_r | 62 | 0 | – | 0.910 ± 0.050 | – |"), md);
    // the report links every figure beside it, by a name that resolves from report.md
    for (String png :
        List.of("metrics.png", "confusion_events_cbow.png", "pca_cbow_events.png", "loss.png")) {
      assertTrue(md.contains("](" + png + ")"), png + " linked in:\n" + md);
    }
  }

  @Test
  void testSplitResultsAreReportedBesideAllSplits() throws Exception {
    TaskResult all = sensorResult(0.91, 400);
    TaskResult test = sensorResult(0.64, 40);
    EvaluationReport meta =
        report(
            400,
            List.of(all),
            new EvaluationReport.TestSplit(
                40,
                null,
                Map.of("sensor", Map.of("unit", "window", "examples", 40, "folds", "5 folds")),
                List.of(test)));
    String md = ReportWriter.markdown(meta);
    int allAt = md.indexOf("# All splits");
    int testAt = md.indexOf("# Test split only");
    assertTrue(allAt > 0 && testAt > allAt, md);
    assertTrue(md.substring(allAt, testAt).contains("0.910 ± 0.010"), md);
    assertTrue(md.substring(testAt).contains("(40 windows)"), md);
    assertTrue(md.substring(testAt).contains("| sensor | accuracy | 40 |"), md);
    assertTrue(md.substring(testAt).contains("0.640 ± 0.010"), md);
    assertTrue(!md.substring(testAt).contains("0.910"), md);
    assertTrue(!md.contains("- test_split:"), "not printed as a setting: " + md);

    String out = dir.resolve("r2").toString();
    ReportWriter.write(new Configuration(), out, meta, List.of(), null);
    Map<String, Object> json = Json.read(new Configuration(), out + "/" + ReportWriter.METRICS);
    assertEquals(1, ((List<?>) json.get("results")).size());
    Map<?, ?> t = (Map<?, ?>) json.get(ReportWriter.TEST_SPLIT);
    assertEquals(40, t.get("windows"));
    assertEquals(0.64, ((Map<?, ?>) ((List<?>) t.get("results")).get(0)).get("mean"));
  }

  /**
   * A report of {@code windows} windows with these results and test split, other settings fixed.
   */
  private static EvaluationReport report(
      int windows, List<TaskResult> results, EvaluationReport.TestSplit test) {
    return new EvaluationReport(
        windows,
        "10m",
        "run (sensor × run)",
        5,
        1,
        List.of(1.0),
        1000,
        EvaluationReport.HEADLINE_RULE,
        null,
        Map.of(),
        Map.of(),
        test,
        null,
        results);
  }

  private static TaskResult sensorResult(double mean, int n) {
    return new TaskResult(
        "sensor",
        "cbow",
        TaskResult.ACCURACY,
        mean,
        0.01,
        n,
        List.of("a", "b"),
        null,
        0.5,
        0.01,
        List.of(1e-2));
  }
}
