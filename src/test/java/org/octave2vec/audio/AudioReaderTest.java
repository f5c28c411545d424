package org.octave2vec.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AudioReaderTest {

  private static final int N = 1000;

  static AudioClip read(byte[] bytes) throws Exception {
    return AudioReader.read(new ByteArrayInputStream(bytes), "test");
  }

  /** A ramp of full-range integer samples for a given bit depth (exercises sign and all bytes). */
  static long[] ramp(int bits, int n, int phase) {
    long max = (1L << (bits - 1)) - 1;
    long[] x = new long[n];
    for (int i = 0; i < n; i++) {
      x[i] = Math.round(max * Math.sin(2 * Math.PI * (i + phase) / 97.0));
    }
    return x;
  }

  static void assertSamples(long[] expected, int bits, float[] actual) {
    assertEquals(expected.length, actual.length);
    double scale = Math.pow(2, bits - 1);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i] / scale, actual[i], 1e-7, "sample " + i);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {8, 16, 24, 32})
  void pcmWavRoundTrips(int bits) throws Exception {
    long[] x = ramp(bits, N, 0);
    AudioClip clip = read(TestAudioFiles.wav(1, 1, 22050, bits, TestAudioFiles.pcm(x, bits)));
    assertSamples(x, bits, clip.samples());
    assertEquals(22050, clip.sampleRate());
    assertEquals("wav pcm" + bits, clip.format());
  }

  @Test
  void wavWrittenByJavaSoundReadsBack() throws Exception {
    long[] x = ramp(16, N, 0);
    byte[] pcm = TestAudioFiles.pcm(x, 16);
    AudioFormat f = new AudioFormat(48000, 16, 1, true, false);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    AudioSystem.write(
        new AudioInputStream(new ByteArrayInputStream(pcm), f, N), AudioFileFormat.Type.WAVE, out);
    AudioClip clip = read(out.toByteArray());
    assertSamples(x, 16, clip.samples());
    assertEquals(48000, clip.sampleRate());
  }

  @Test
  void stereoIsAveraged() throws Exception {
    long[] left = ramp(16, N, 0);
    long[] right = ramp(16, N, 30);
    long[] inter = new long[2 * N];
    long[] mean = new long[N];
    for (int i = 0; i < N; i++) {
      inter[2 * i] = left[i];
      inter[2 * i + 1] = right[i];
    }
    AudioClip clip = read(TestAudioFiles.wav(1, 2, 32000, 16, TestAudioFiles.pcm(inter, 16)));
    assertEquals(2, clip.channels());
    for (int i = 0; i < N; i++) {
      assertEquals((left[i] + right[i]) / 2.0 / 32768, clip.samples()[i], 1e-7);
    }
  }

  @Test
  void floatWavsKeepTheirValues() throws Exception {
    float[] x = Signals.tone(440, 0.8, 44100, 0.05);
    AudioClip f32 = read(TestAudioFiles.wav(3, 1, 44100, 32, TestAudioFiles.float32(x)));
    assertArrayEquals(x, f32.samples());
    assertEquals("wav float32", f32.format());
    AudioClip f64 = read(TestAudioFiles.wav(3, 1, 44100, 64, TestAudioFiles.float64(x)));
    assertArrayEquals(x, f64.samples());
    assertEquals("wav float64", f64.format());
  }

  @ParameterizedTest
  @ValueSource(ints = {8, 16, 24})
  void flacDecodes(int bits) throws Exception {
    // 5000 samples spans two FLAC frames (4096 + 904), so frame boundaries are exercised.
    long[] left = ramp(bits, 5000, 0);
    long[] right = ramp(bits, 5000, 11);
    AudioClip mono = read(TestAudioFiles.flac(new long[][] {left}, 32000, bits));
    assertSamples(left, bits, mono.samples());
    assertEquals("flac " + bits, mono.format());
    assertEquals(32000, mono.sampleRate());
    AudioClip stereo = read(TestAudioFiles.flac(new long[][] {left, right}, 44100, bits));
    assertEquals(2, stereo.channels());
    double scale = Math.pow(2, bits - 1);
    for (int i = 0; i < left.length; i++) {
      assertEquals((left[i] + right[i]) / 2.0 / scale, stereo.samples()[i], 1e-7);
    }
  }

  @Test
  void truncatedFlacIsAnError() {
    byte[] flac = TestAudioFiles.flac(new long[][] {ramp(16, 5000, 0)}, 32000, 16);
    Exception e =
        assertThrows(Exception.class, () -> read(Arrays.copyOf(flac, flac.length - 3000)));
    assertMessage(e, "FLAC");
    Exception header = assertThrows(Exception.class, () -> read(Arrays.copyOf(flac, 20)));
    assertMessage(header, "FLAC");
  }

  @Test
  void garbageIsRejected() {
    byte[] junk = new byte[256];
    new java.util.Random(7).nextBytes(junk);
    junk[0] = 'x';
    UnsupportedAudioException e = assertThrows(UnsupportedAudioException.class, () -> read(junk));
    assertMessage(e, "unrecognised header");
    assertMessage(
        assertThrows(UnsupportedAudioException.class, () -> read(new byte[3])), "too short");
  }

  @Test
  void textNamedFlacIsRejected() {
    byte[] text = "this is not a flac file at all".getBytes();
    Exception e =
        assertThrows(
            UnsupportedAudioException.class,
            () -> AudioReader.read(new ByteArrayInputStream(text), "song.flac"));
    assertMessage(e, "song.flac");
  }

  @Test
  void truncatedWavIsAnError() {
    byte[] wav = TestAudioFiles.wav(1, 1, 16000, 16, TestAudioFiles.pcm(ramp(16, N, 0), 16));
    Exception header = assertThrows(Exception.class, () -> read(Arrays.copyOf(wav, 30)));
    assertTrue(header instanceof IOException || header instanceof UnsupportedAudioException);
    assertMessage(header, "test");
    IOException data = assertThrows(IOException.class, () -> read(Arrays.copyOf(wav, 44 + 500)));
    assertMessage(data, "truncated");
  }

  @Test
  void compressedEncodingsAreRejectedByName() {
    byte[] ulaw = TestAudioFiles.wav(7, 1, 8000, 8, new byte[800]);
    assertMessage(assertThrows(UnsupportedAudioException.class, () -> read(ulaw)), "ULAW");
    byte[] adpcm = TestAudioFiles.wav(0x11, 1, 8000, 4, new byte[800]);
    assertMessage(assertThrows(UnsupportedAudioException.class, () -> read(adpcm)), "ADPCM");
    byte[] mp3 = Arrays.copyOf("ID3\u0004\u0000".getBytes(), 64);
    assertMessage(assertThrows(UnsupportedAudioException.class, () -> read(mp3)), "MP3");
  }

  static void assertMessage(Exception e, String part) {
    assertTrue(
        e.getMessage() != null && e.getMessage().contains(part),
        "message should mention '" + part + "': " + e.getMessage());
  }
}
