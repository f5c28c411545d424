/**
 * The {@code nightly} job: incremental preprocessing of an archive that grows every night.
 *
 * <p>A {@link org.octave2vec.nightly.ManifestDiff} of the input listing against the {@code
 * manifest} table says which files are new, changed, unchanged or deleted (size and modification
 * time first, a SHA-256 when they differ); the files that share a sensor-day with them are read
 * again, and only those sensor-day partitions of {@code frames} are replaced. {@code runs} and
 * {@code health} are rebuilt from small per-sensor-day summaries ({@link
 * org.octave2vec.nightly.DayStates}), slices are cut again only for runs that changed, and samples
 * are drawn again from the slices.
 *
 * <p>Everything new is written under a staging directory first and then moved into place by a
 * {@link org.octave2vec.nightly.Journal} written before the first move, so a run that dies half-way
 * is finished by the next one; the manifest moves last. See docs/nightly.md.
 */
package org.octave2vec.nightly;
