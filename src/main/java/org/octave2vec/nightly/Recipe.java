package org.octave2vec.nightly;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.octave2vec.common.Json;

/**
 * What the tables' content depends on, recorded in the manifest's metadata ({@code
 * nightly_options}): a later run with other values would mix two recipes in one table. The ingest,
 * slice and samples options are kept as their JSON objects (keys sorted when written), so that a
 * recipe read back from a file compares with one made now.
 *
 * @param ingest the ingest options but inputs, output, audio and level encoding
 * @param slice the slice options
 * @param samples each sample table's options
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"batch_size", "ingest", "samples", "slice", "workers"})
record Recipe(
    @JsonProperty("batch_size") int batchSize,
    Map<String, Object> ingest,
    List<Object> samples,
    Map<String, Object> slice,
    int workers) {

  /** This recipe as a file holds it: the number types and maps of JSON read back. */
  Recipe asWritten() {
    try {
      return Json.MAPPER.readValue(Json.write(this), Recipe.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The parts ({@code batch_size}, {@code ingest}, …) in which {@code other} differs, in order. */
  List<String> differences(Recipe other) {
    List<String> differ = new ArrayList<>();
    if (batchSize != other.batchSize) {
      differ.add("batch_size");
    }
    if (!Objects.equals(ingest, other.ingest)) {
      differ.add("ingest");
    }
    if (!Objects.equals(samples, other.samples)) {
      differ.add("samples");
    }
    if (!Objects.equals(slice, other.slice)) {
      differ.add("slice");
    }
    if (workers != other.workers) {
      differ.add("workers");
    }
    return differ;
  }
}
