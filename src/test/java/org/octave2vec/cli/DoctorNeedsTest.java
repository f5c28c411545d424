package org.octave2vec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.octave2vec.cluster.DoctorJob;
import org.octave2vec.eval.EvaluateOptions;

/** The paths a job gives the doctor to check on the driver and the executors. */
class DoctorNeedsTest {
  @Test
  void evaluateGivesEveryInputAndTheReport() {
    Map<String, String> sets = new LinkedHashMap<>();
    sets.put("cbow", "s3a://b/t/embeddings");
    sets.put("random", "s3a://b/t/embeddings_random");
    EvaluateOptions o =
        EvaluateOptions.of(sets, "s3a://b/report")
            .withInputs("s3a://b/t/slices", List.of("events=s3a://b/labels.csv", "c.csv"));
    DoctorJob.Needs n = EvaluateCommand.needs(o);
    assertEquals(
        List.of(
            "s3a://b/t/embeddings",
            "s3a://b/t/embeddings_random",
            "s3a://b/t/slices",
            "s3a://b/labels.csv",
            "c.csv"),
        n.inputs());
    assertEquals(List.of("s3a://b/report"), n.outputs());
    assertFalse(n.nd4j());
  }
}
