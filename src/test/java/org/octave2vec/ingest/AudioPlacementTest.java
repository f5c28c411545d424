package org.octave2vec.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.octave2vec.common.UserException;

/** Where an audio file belongs: sidecar, then a time in its name, then the default. */
class AudioPlacementTest {
  @TempDir Path dir;

  @Test
  void startTimesFromNames() {
    assertEquals(1714564800000L, AudioSource.startOf("mic_1714564800000.wav", 0));
    assertEquals(1714564800000L, AudioSource.startOf("p0640_20240501T120000Z.flac", 0));
    assertEquals(7L, AudioSource.startOf("recording.wav", 7));
  }

  @Test
  void sidecarWinsAndErrorsNameTheLine() throws Exception {
    Path sc =
        Files.writeString(
            dir.resolve("sidecar.csv"),
            "file,sensor,start_epoch\nrec1.wav,p0640,2024-05-01\nrec2.wav,p0641,1714564800000\n");
    Map<String, AudioSettings.Placement> m = AudioSidecar.load(new Configuration(), sc.toString());
    assertEquals(new AudioSettings.Placement("p0640", 1714521600000L), m.get("rec1.wav"));
    ParseSettings s =
        ParseSettings.defaults()
            .withAudio(new AudioSettings(AudioSettings.Representation.THIRD_OCTAVE, 94, m, 5));
    assertEquals(
        new AudioSettings.Placement("p0641", 1714564800000L),
        AudioSource.placement("/x/rec2.wav", s));
    assertEquals(
        new AudioSettings.Placement("other_1714564800123", 1714564800123L),
        AudioSource.placement("/x/other_1714564800123.wav", s));
    Path bad =
        Files.writeString(dir.resolve("bad.csv"), "file,sensor,start_epoch\nrec1.wav,p0640\n");
    UserException e =
        assertThrows(
            UserException.class, () -> AudioSidecar.load(new Configuration(), bad.toString()));
    assertTrue(e.getMessage().startsWith(bad + ":2: expected"), e.getMessage());
  }
}
