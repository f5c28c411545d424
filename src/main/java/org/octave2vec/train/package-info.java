/**
 * Pre-training: the Audio2Vec (CBoW, SkipGram) and TemporalGap graphs built by one factory,
 * {@link org.octave2vec.train.Audio2VecModels}, from a {@link org.octave2vec.train.ModelConfig},
 * and a single-JVM trainer. The encoder is shared across the slices of a sample by folding them
 * into the batch axis, so every task trains one encoder that {@code encoderOnly} extracts.
 */
package org.octave2vec.train;
