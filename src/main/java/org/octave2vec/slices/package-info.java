/**
 * Cutting runs of 125 ms third-octave frames into fixed-width slices, labelling them
 * train/val/test/guard without leakage, and per-band normalisation statistics.
 *
 * <p>Plain Java, one run at a time: the {@code slice} Spark job calls {@link
 * org.octave2vec.slices.Slicer} and {@link org.octave2vec.slices.Splitter} per run and merges
 * {@link org.octave2vec.slices.NormStats} across partitions.
 */
package org.octave2vec.slices;
