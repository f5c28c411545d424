package org.octave2vec.ingest;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.io.Serializable;
import java.util.Map;
import org.octave2vec.common.BandLayout;
import org.octave2vec.common.Spelled;

/**
 * How audio files become frames (the {@code ingest-audio} job): the representation, the calibration
 * of digital full scale, and where each file's sensor and start time come from.
 *
 * @param representation third-octave (the CENSE sensors' fast levels) or logmel
 * @param dbfsToSpl dB SPL of a full-scale (0 dBFS) sine: the microphone calibration
 * @param sidecar file name → (sensor, start epoch), from a CSV {@code file,sensor,start_epoch}
 * @param defaultStartEpochMs start of files whose name and sidecar give none
 */
public record AudioSettings(
    Representation representation,
    double dbfsToSpl,
    Map<String, Placement> sidecar,
    long defaultStartEpochMs)
    implements Serializable {
  /** What frames hold ({@code ingest-audio --representation}). */
  public enum Representation implements Spelled {
    /** The CENSE sensors' fast third-octave levels, 125 ms. */
    THIRD_OCTAVE("third-octave"),
    /** 64 log-mel bands, 10 ms. */
    LOGMEL("logmel");

    private final String id;

    Representation(String id) {
      this.id = id;
    }

    @JsonValue
    @Override
    public String id() {
      return id;
    }

    @JsonCreator
    public static Representation of(String s) {
      return Spelled.parse(Representation.class, "--representation", s);
    }

    @Override
    public String toString() {
      return id;
    }
  }

  /** Where one file belongs. */
  public record Placement(String sensor, long startEpochMs) implements Serializable {}

  public long periodMs() {
    return switch (representation) {
      case LOGMEL -> 10;
      case THIRD_OCTAVE -> 125;
    };
  }

  public BandLayout layout() {
    return switch (representation) {
      case LOGMEL -> BandLayout.parse(BandLayout.LOGMEL64);
      case THIRD_OCTAVE -> BandLayout.cense29();
    };
  }
}
