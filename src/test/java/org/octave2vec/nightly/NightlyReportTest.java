package org.octave2vec.nightly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.octave2vec.common.Json;
import org.octave2vec.common.Provenance;

/** reports/nightly-RUN.json is the record serialized, in the shape docs/nightly.md describes. */
class NightlyReportTest {
  @Test
  @SuppressWarnings("unchecked")
  void theReportFileIsTheRecordWithItsProvenance() throws Exception {
    NightlyReport.Builder b = new NightlyReport.Builder();
    b.runId = "r1";
    b.tables = "t";
    b.mode = NightlyReport.INCREMENTAL;
    b.filesListed = 5;
    b.added.add("a.csv");
    b.deleted.add("gone.csv");
    b.unchanged = 3;
    b.filesRead = 1;
    b.rowsRead = 10;
    b.framesKept = 8;
    b.rowsQuarantined = 2;
    b.deletedExitCode = 3;
    NightlyReport r = b.build(1.5);
    Map<String, Object> m =
        Json.MAPPER.readValue(
            Json.write(
                new NightlyReport.Written(
                    r, Provenance.of("nightly", Map.of(), List.of(), Instant.EPOCH))),
            Map.class);
    assertEquals("r1", m.get("run_id"));
    assertEquals(List.of("a.csv"), m.get("new_files"));
    assertEquals(List.of("gone.csv"), m.get("deleted_files"));
    assertEquals(
        Map.of(
            "listed",
            5,
            "new",
            1,
            "changed",
            0,
            "touched_same_bytes",
            0,
            "unchanged",
            3,
            "deleted",
            1,
            "read_this_run",
            1),
        m.get("files"));
    assertEquals(true, m.get("invariant_rows_read_eq_kept_plus_quarantined"));
    assertEquals(3, m.get("exit_code"));
    assertEquals("nightly", ((Map<String, Object>) m.get("provenance")).get("job"));
    for (String k :
        List.of("filesListed", "unchanged", "filesRead", "deletedExitCode", "report", "added")) {
      assertFalse(m.containsKey(k), k + " is not a top-level field: " + m.keySet());
    }
  }
}
