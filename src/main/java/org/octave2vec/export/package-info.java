/**
 * Exports: {@code export-csv}, the {@code frames} table back to SpecCense CSV, one file per sensor
 * and day; {@code export-model}, a model directory's encoder as an ONNX file ({@link
 * org.octave2vec.export.OnnxExport}, written by {@link org.octave2vec.export.OnnxModel}).
 */
package org.octave2vec.export;
