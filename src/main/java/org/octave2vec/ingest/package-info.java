/**
 * {@code ingest}: archives of SpecCense CSV (and HDF5, audio) → {@code frames}, {@code quarantine},
 * {@code runs}, {@code health}. One Spark task per input file opens it ({@code SourceOpener}: gzip,
 * zip, tar, with a decompressed-bytes cap), parses rows ({@code FrameParser}), sorts them in
 * bounded memory and de-duplicates ({@code SourceBuffer}), and finds continuous runs ({@code
 * Continuity}); every row read is kept or quarantined with its reason.
 */
package org.octave2vec.ingest;
