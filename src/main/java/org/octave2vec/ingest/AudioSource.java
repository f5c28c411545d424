package org.octave2vec.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.octave2vec.audio.AudioClip;
import org.octave2vec.audio.AudioReader;
import org.octave2vec.audio.LogMelAnalyzer;
import org.octave2vec.audio.ThirdOctaveAnalyzer;
import org.octave2vec.audio.UnsupportedAudioException;

/**
 * One audio file (WAV, FLAC) as a source of frames: decoded, analysed into fast third-octave levels
 * (the CENSE recipe) or log-mel bins, and fed to the same sink as CSV rows, so quarantine, runs,
 * health and the report work unchanged. A file is one continuous recording: one run.
 */
final class AudioSource {
  private static final Pattern EPOCH_MS = Pattern.compile("(?<!\\d)(\\d{13})(?!\\d)");
  private static final Pattern STAMP = Pattern.compile("(\\d{8}T\\d{6})Z?");
  private static final DateTimeFormatter STAMP_FORMAT =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");

  private AudioSource() {}

  static void read(InputStream in, String path, ParseSettings s, RecordSink sink) {
    AudioSettings a = s.audio();
    if (a == null) {
      sink.skipped(path, "audio file: read audio with the ingest-audio job");
      return;
    }
    AudioSettings.Placement place = placement(path, s);
    String sensor = place.sensor();
    if (sensor == null || sensor.isEmpty()) {
      sink.rejectSource(
          null,
          path,
          Reason.NO_SENSOR_ID,
          "no sidecar entry and the sensor id rule "
              + s.sensorRule()
              + " does not match this path");
      return;
    }
    String bad = SensorIdRule.invalid(sensor);
    if (bad != null) {
      sink.rejectSource(null, path, Reason.BAD_SENSOR_ID, bad);
      return;
    }
    float[][] frames = decode(in, path, s, sensor, sink);
    if (frames == null) {
      return;
    }
    long framesOut = emitFrames(frames, place.startEpochMs(), sensor, path, s, sink);
    long rejected = frames.length - framesOut; // every frame is either kept or rejected
    sink.stats(
        new SourceStats(
            path,
            sensor,
            frames.length,
            framesOut,
            rejected,
            0,
            0,
            0,
            false,
            List.of(),
            List.of()));
  }

  /** The analysed frames of an audio file, or null (after a source reject) if it cannot be. */
  private static float[][] decode(
      InputStream in, String path, ParseSettings s, String sensor, RecordSink sink) {
    AudioSettings a = s.audio();
    try {
      AudioClip clip = AudioReader.read(in, path);
      return switch (a.representation()) {
        case LOGMEL -> LogMelAnalyzer.analyze(clip);
        case THIRD_OCTAVE -> ThirdOctaveAnalyzer.analyze(clip, a.dbfsToSpl() + s.offsetFor(sensor));
      };
    } catch (UnsupportedAudioException | IOException | RuntimeException e) {
      sink.rejectSource(
          sensor, path, Reason.UNSUPPORTED_AUDIO, "cannot decode audio: " + e.getMessage());
      return null;
    }
  }

  /** Checks each frame and hands it to the sink as a frame or a reject; returns the frames kept. */
  private static long emitFrames(
      float[][] frames,
      long startEpochMs,
      String sensor,
      String path,
      ParseSettings s,
      RecordSink sink) {
    long periodMs = s.audio().periodMs();
    float[] extras = new float[s.extras().size()];
    Arrays.fill(extras, Float.NaN);
    long framesOut = 0;
    for (int k = 0; k < frames.length; k++) {
      long epoch = startEpochMs + k * periodMs;
      float[] b = frames[k];
      Reason bad = null;
      String msg = null;
      for (int i = 0; i < b.length && bad == null; i++) {
        if (!Float.isFinite(b[i])) {
          bad = Reason.NON_FINITE;
          msg = "band " + i + " is not finite";
        } else if (b[i] < s.minLevelDb()) {
          b[i] = (float) s.minLevelDb(); // digital silence has no level: the floor stands for it
        } else if (b[i] > s.maxLevelDb()) {
          bad = Reason.LEVEL_OUT_OF_RANGE;
          msg = "band " + i + " = " + b[i] + " above " + s.maxLevelDb();
        }
      }
      if (bad == null && (epoch < s.minEpochMs() || epoch > s.maxEpochMs())) {
        bad = Reason.EPOCH_OUT_OF_RANGE;
        msg = "epoch " + epoch + " outside the plausible range (check the start time)";
      }
      if (bad != null) {
        sink.reject(sensor, path, k + 1, "frame " + k, bad, msg);
      } else {
        framesOut++;
        sink.frame(sensor, epoch, b, extras, path, k + 1);
      }
    }
    return framesOut;
  }

  /** Sidecar first; else the sensor rule and a start time in the name; else the default start. */
  static AudioSettings.Placement placement(String path, ParseSettings s) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    AudioSettings.Placement p = s.audio().sidecar().get(name);
    if (p == null) {
      p = s.audio().sidecar().get(path);
    }
    if (p != null) {
      return p;
    }
    return new AudioSettings.Placement(
        s.sensorRule().sensorOf(path), startOf(name, s.audio().defaultStartEpochMs()));
  }

  /** {@code …_1714564800000.wav} (epoch ms) or {@code …_20240501T120000Z.wav} (UTC). */
  static long startOf(String name, long fallback) {
    Matcher m = EPOCH_MS.matcher(name);
    if (m.find()) {
      return Long.parseLong(m.group(1));
    }
    Matcher t = STAMP.matcher(name);
    if (t.find()) {
      return LocalDateTime.parse(t.group(1), STAMP_FORMAT).toInstant(ZoneOffset.UTC).toEpochMilli();
    }
    return fallback;
  }
}
