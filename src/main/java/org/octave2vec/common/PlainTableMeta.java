package org.octave2vec.common;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The metadata of a table no later stage reads fields from ({@code quarantine}, {@code runs},
 * {@code health}): name, schema version, rows, provenance, and for {@code runs} the continuity
 * rule.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record PlainTableMeta(
    String table,
    @JsonProperty(value = "schema_version", required = true) int schemaVersion,
    long rows,
    @JsonProperty("gap_tolerance_ms") Long gapToleranceMs,
    @JsonProperty("frame_period_ms") Long framePeriodMs,
    Provenance provenance)
    implements TableMeta {

  public static PlainTableMeta of(String table, int version, long rows, Provenance provenance) {
    return new PlainTableMeta(table, version, rows, null, null, provenance);
  }

  public static PlainTableMeta runs(
      long rows, long gapToleranceMs, long framePeriodMs, Provenance provenance) {
    return new PlainTableMeta(
        RunsTable.NAME, RunsTable.SCHEMA_VERSION, rows, gapToleranceMs, framePeriodMs, provenance);
  }

  /** Any table's metadata, for its row count. */
  public static PlainTableMeta read(org.apache.hadoop.conf.Configuration conf, String dir) {
    return TableMeta.read(conf, dir, PlainTableMeta.class, "table");
  }
}
