package org.octave2vec.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.octave2vec.common.Json;
import org.octave2vec.common.Provenance;

/**
 * reports/ingest.json is the IngestReport record serialized, with the names docs/ingest.md uses.
 */
class IngestReportTest {
  @Test
  @SuppressWarnings("unchecked")
  void theReportFileIsTheRecordWithItsProvenance() throws Exception {
    IngestReport r =
        new IngestReport(
            "t",
            "cense29",
            2,
            1000,
            2,
            0,
            Map.of(),
            4,
            10,
            7,
            3,
            0,
            Map.of("duplicate", 3L),
            Map.of(),
            1,
            Map.of(),
            List.of("LAeq"),
            0,
            0,
            1,
            2,
            5,
            8,
            Map.of("<1s", 1L),
            250,
            1.5,
            List.of());
    Map<String, Object> m =
        Json.MAPPER.readValue(
            Json.write(
                new IngestReport.Written(
                    r, Provenance.of("ingest", Map.of(), List.of(), Instant.EPOCH))),
            Map.class);
    assertEquals(10, m.get("rows_read"));
    assertEquals(7, m.get("rows_kept"));
    assertEquals(3, m.get("rows_quarantined"));
    assertEquals(true, m.get("invariant_rows_read_eq_kept_plus_quarantined"));
    assertEquals("cense29", m.get("band_layout"));
    assertEquals(2, m.get("sources_read"));
    assertEquals(5, m.get("frames_in_runs_shorter_than_a_slice"));
    assertEquals(Map.of("duplicate", 3), m.get("quarantined_by_reason"));
    assertEquals(List.of(), m.get("health"));
    assertEquals("ingest", ((Map<String, Object>) m.get("provenance")).get("job"));
    for (String k : List.of("layout", "sources", "rowsRead", "framesInShortRuns", "report")) {
      assertFalse(m.containsKey(k), k + " is not a field of the file: " + m.keySet());
    }
  }

  @Test
  void brokenRowAccountingThrowsWithTheThreeCounts() {
    IngestReport.checkRowAccounting(10, 7, 3);
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> IngestReport.checkRowAccounting(10, 7, 2));
    assertEquals("row accounting broken: read 10 != kept 7 + quarantined 2", e.getMessage());
  }
}
