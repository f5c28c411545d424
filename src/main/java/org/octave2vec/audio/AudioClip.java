package org.octave2vec.audio;

/**
 * A decoded clip, already mixed down to mono.
 *
 * @param samples mono samples, full scale is [-1, 1] (the channel average, so a mixdown never
 *     clips)
 * @param sampleRate samples per second
 * @param channels channel count of the source before mixdown
 * @param format short description of the source encoding, e.g. "wav pcm16", "wav float32", "flac
 *     24"
 */
public record AudioClip(float[] samples, int sampleRate, int channels, String format) {

  public AudioClip {
    if (samples == null) {
      throw new IllegalArgumentException("samples must not be null");
    }
    if (sampleRate <= 0) {
      throw new IllegalArgumentException("sampleRate must be positive: " + sampleRate);
    }
  }

  /** Duration in seconds. */
  public double seconds() {
    return samples.length / (double) sampleRate;
  }
}
