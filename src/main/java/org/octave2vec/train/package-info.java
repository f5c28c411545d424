/**
 * Pre-training and embedding. One factory, {@link org.octave2vec.train.Audio2VecModels}, builds the
 * contrastive (NT-Xent), Audio2Vec (CBoW, SkipGram) and TemporalGap graphs from a {@link
 * org.octave2vec.train.ModelConfig}; the encoder is shared across the slices or views of a sample
 * by folding them into the batch axis, so every task trains one encoder that {@code encoderOnly}
 * extracts. {@code train} reads its inputs ({@code TrainData}), fits with a {@link
 * org.octave2vec.train.Trainer} (local or Spark parameter averaging) whose listeners checkpoint and
 * stop, and writes a model directory ({@code ModelDir}, {@code ModelMeta}); {@code embed} turns a
 * slices table into {@code embeddings}.
 */
package org.octave2vec.train;
