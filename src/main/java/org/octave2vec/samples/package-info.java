/**
 * Training samples as indices into the {@code slices} table (sensor, runIndex, sliceIndex), never
 * copies of levels: CBoW / SkipGram contexts, TemporalGap pairs, triplets and contrastive crop
 * pairs, plus the deterministic shuffle that deals them to workers in equal shards.
 *
 * <p>Every sampler sees one run at a time, so no sample mixes runs; randomness comes from a
 * SplittableRandom seeded by (seed, task, sensor, runIndex), so outputs do not depend on
 * partitioning or processing order.
 */
package org.octave2vec.samples;
