/**
 * Deterministic synthetic SpecCense-style archives (125 ms third-octave frames) with labelled
 * events and known defects, plus a {@code truth.json} saying exactly what an ingest must find.
 *
 * <p>Plain Java, no Spark: demos, tests and benchmarks share {@link
 * org.octave2vec.generate.SpecCenseGenerator#generate}.
 */
package org.octave2vec.generate;
