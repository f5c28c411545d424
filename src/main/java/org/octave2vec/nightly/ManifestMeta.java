package org.octave2vec.nightly;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.octave2vec.common.Provenance;
import org.octave2vec.common.TableMeta;

/**
 * {@code manifest/_octave2vec.json}: the manifest table's name, schema version and rows, the recipe
 * the tables were built with, and the provenance. Keys in alphabetical order, as the map it
 * replaced wrote them.
 *
 * @param recipe the options the tables were built with (null in a file without them)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"nightly_options", "provenance", "rows", "schema_version", "table"})
record ManifestMeta(
    String table,
    @JsonProperty("schema_version") int schemaVersion,
    long rows,
    @JsonProperty("nightly_options") Recipe recipe,
    Provenance provenance)
    implements TableMeta {}
