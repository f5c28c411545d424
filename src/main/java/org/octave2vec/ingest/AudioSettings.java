package org.octave2vec.ingest;

import java.io.Serializable;
import java.util.Map;
import org.octave2vec.common.BandLayout;

/**
 * How audio files become frames (the {@code ingest-audio} job): the representation, the calibration
 * of digital full scale, and where each file's sensor and start time come from.
 *
 * @param representation {@value #THIRD_OCTAVE} (the CENSE sensors' fast levels) or {@value #LOGMEL}
 * @param dbfsToSpl dB SPL of a full-scale (0 dBFS) sine: the microphone calibration
 * @param sidecar file name → (sensor, start epoch), from a CSV {@code file,sensor,start_epoch}
 * @param defaultStartEpochMs start of files whose name and sidecar give none
 */
public record AudioSettings(
    String representation,
    double dbfsToSpl,
    Map<String, Placement> sidecar,
    long defaultStartEpochMs)
    implements Serializable {
  public static final String THIRD_OCTAVE = "third-octave";
  public static final String LOGMEL = "logmel";

  /** Where one file belongs. */
  public record Placement(String sensor, long startEpochMs) implements Serializable {}

  public long periodMs() {
    return LOGMEL.equals(representation) ? 10 : 125;
  }

  public BandLayout layout() {
    return LOGMEL.equals(representation)
        ? BandLayout.parse(BandLayout.LOGMEL64)
        : BandLayout.cense29();
  }
}
