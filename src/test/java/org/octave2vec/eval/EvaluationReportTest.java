package org.octave2vec.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.octave2vec.common.Json;
import org.octave2vec.common.Provenance;

/**
 * {@code metrics.json} as a record: the same bytes as the map it replaced (keys sorted, {@code
 * slices} absent without a slices table, a skipped test split without tasks or results).
 */
class EvaluationReportTest {
  /** What the map of before wrote for {@link #report}. */
  private static final String JSON =
      "{\n"
          + "  \"folds\" : 5,\n"
          + "  \"group\" : \"run (sensor × run)\",\n"
          + "  \"headline_rule\" : \"macro_f1 when the largest class has more than 1.5 × the examples of the smallest, else accuracy\",\n"
          + "  \"lambda_grid\" : [ 0.1, 1.0 ],\n"
          + "  \"max_train_rows\" : 20000,\n"
          + "  \"provenance\" : {\n"
          + "    \"job\" : \"evaluate\"\n"
          + "  },\n"
          + "  \"results\" : [ ],\n"
          + "  \"seeds\" : 2,\n"
          + "  \"skipped\" : {\n"
          + "    \"events\" : \"too few clips\"\n"
          + "  },\n"
          + "  \"tasks\" : {\n"
          + "    \"events\" : {\n"
          + "      \"examples\" : 3,\n"
          + "      \"folds\" : \"2 folds\",\n"
          + "      \"skipped\" : \"too few clips\",\n"
          + "      \"unit\" : \"clip\"\n"
          + "    },\n"
          + "    \"sensor\" : {\n"
          + "      \"examples\" : 400,\n"
          + "      \"folds\" : \"5 folds\",\n"
          + "      \"headline\" : \"accuracy\",\n"
          + "      \"seconds\" : 1.5,\n"
          + "      \"unit\" : \"window\"\n"
          + "    }\n"
          + "  },\n"
          + "  \"test_split\" : {\n"
          + "    \"skipped\" : \"no complete window of test-split slices\",\n"
          + "    \"windows\" : 0\n"
          + "  },\n"
          + "  \"window\" : \"10m\",\n"
          + "  \"windows\" : 400\n"
          + "}";

  static EvaluationReport report() throws Exception {
    Map<String, Map<String, Object>> about = new LinkedHashMap<>();
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("unit", "window");
    s.put("examples", 400);
    s.put("folds", "5 folds");
    s.put("headline", "accuracy");
    s.put("seconds", 1.5);
    about.put("sensor", s);
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("unit", "clip");
    e.put("examples", 3);
    e.put("folds", "2 folds");
    e.put("skipped", "too few clips");
    about.put("events", e);
    return new EvaluationReport(
        400,
        "10m",
        "run (sensor × run)",
        5,
        2,
        List.of(0.1, 1.0),
        20000,
        EvaluationReport.HEADLINE_RULE,
        null,
        about,
        Map.of("events", "too few clips"),
        EvaluationReport.TestSplit.skipped(0, "no complete window of test-split slices"),
        Json.MAPPER.readValue("{\"job\":\"evaluate\"}", Provenance.class),
        // no TaskResult: the order of its derived properties is Jackson's, not this record's
        List.of());
  }

  @Test
  void writesTheJsonOfBefore() throws Exception {
    assertEquals(JSON, Json.write(report()));
  }

  @Test
  void slicesAreWrittenInKeyOrderAndListedInTheirOwn() throws Exception {
    EvaluationReport r = report();
    EvaluationReport withSlices =
        new EvaluationReport(
            r.windows(),
            r.window(),
            r.group(),
            r.folds(),
            r.seeds(),
            r.lambdaGrid(),
            r.maxTrainRows(),
            r.headlineRule(),
            new EvaluationReport.Slices(29, 8, 4),
            r.tasks(),
            r.skipped(),
            r.testSplit(),
            r.provenance(),
            r.results());
    String json = Json.write(withSlices);
    assertTrue(
        json.contains(
            "  \"slices\" : {\n    \"bands\" : 29,\n    \"hop\" : 4,\n    \"width\" : 8\n  },\n"
                + "  \"tasks\""),
        json);
    String md = ReportWriter.markdown(withSlices);
    assertTrue(
        md.contains("- max_train_rows: 20000\n- headline_rule: macro_f1 when")
            && md.contains("- slices: {bands=29, width=8, hop=4}\n"),
        md);
  }

  @Test
  void aResultsKeysComeInOneOrder() throws Exception {
    TaskResult r =
        new TaskResult(
            "clip",
            "c",
            TaskResult.ACCURACY,
            0.8,
            0.01,
            10,
            List.of("a"),
            null,
            null,
            null,
            List.of(1.0));
    String json = Json.write(r);
    List<String> keys =
        List.of(
            "task",
            "featureSet",
            "metric",
            "mean",
            "std",
            "n",
            "classes",
            "confusion",
            "macroF1Mean",
            "macroF1Std",
            "lambdas",
            "headline",
            "headline_mean",
            "headline_std",
            "headline_chance");
    int at = -1;
    for (String k : keys) {
      int next = json.indexOf("\"" + k + "\" :");
      assertTrue(next > at, k + " after the key before it in " + json);
      at = next;
    }
  }
}
