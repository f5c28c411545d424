/**
 * What every stage shares: one schema class per table ({@code FramesTable}, {@code SlicesTable},
 * …), one metadata record per table ({@code FramesMeta}, {@code SlicesMeta}, {@code SamplesMeta},
 * {@code EmbeddingsMeta}, {@code PlainTableMeta}: the typed contract between the stage that writes
 * a table and the stages that read it), {@code TableRoot} (where each table lives), {@code
 * Provenance}, the band layout, JSON and Spark helpers, and {@code Redact}. Nothing here depends on
 * another package of octave2vec.
 */
package org.octave2vec.common;
