/**
 * Plain-Java audio front end: decode WAV/FLAC ({@link org.octave2vec.audio.AudioReader}), resample
 * ({@link org.octave2vec.audio.Resampler}), and turn audio into the CENSE sensor's fast
 * third-octave levels ({@link org.octave2vec.audio.ThirdOctaveAnalyzer}) or log-mel features
 * ({@link org.octave2vec.audio.LogMelAnalyzer}). No Spark here, so everything is unit-testable.
 */
package org.octave2vec.audio;
