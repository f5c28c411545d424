package org.octave2vec.bench;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.octave2vec.audio.ThirdOctaveAnalyzer;

/**
 * Fast third-octave analysis speed, one core, against the numpy/scipy reference
 * (bench/audio_reference.py) on the same 32 kHz file, and the largest level difference between the
 * two. Run with bench/audio.sh [seconds=600].
 */
public final class AudioBench {
  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 600;
    Path work = Files.createDirectories(Path.of("work/bench-audio"));
    int n = 32000 * seconds;
    float[] x = new float[n];
    short[] pcm = new short[n];
    SplittableRandom r = new SplittableRandom(7);
    for (int i = 0; i < n; i++) {
      // noise plus a slowly swept tone: every band carries signal
      double f = 50 + 8000 * (i % 320000) / 320000.0;
      double v = 0.05 * (r.nextDouble() * 2 - 1) + 0.3 * Math.sin(2 * Math.PI * f * i / 32000.0);
      pcm[i] = (short) Math.round(v * 32767);
      x[i] = pcm[i] / 32768f;
    }
    ByteBuffer bb = ByteBuffer.allocate(2 * n).order(ByteOrder.LITTLE_ENDIAN);
    for (short s : pcm) {
      bb.putShort(s);
    }
    Path wav = work.resolve("bench.wav");
    AudioSystem.write(
        new AudioInputStream(
            new ByteArrayInputStream(bb.array()), new AudioFormat(32000, 16, 1, true, false), n),
        AudioFileFormat.Type.WAVE,
        wav.toFile());

    float[][] levels = null;
    double best = Double.MAX_VALUE;
    for (int rep = 0; rep < 4; rep++) { // the first run warms the JIT
      long t0 = System.nanoTime();
      levels = ThirdOctaveAnalyzer.analyze32k(x, 94);
      best = Math.min(best, (System.nanoTime() - t0) / 1e9);
    }
    Path ref = work.resolve("reference.f32");
    Process p =
        new ProcessBuilder(
                "python3", "bench/audio_reference.py", wav.toString(), ref.toString(), "3")
            .redirectErrorStream(true)
            .start();
    String py = new String(p.getInputStream().readAllBytes()).trim();
    if (p.waitFor() != 0) {
      throw new IllegalStateException("reference failed: " + py);
    }
    double pyRate =
        Double.parseDouble(py.replaceAll(".*numpy/scipy: ([0-9.]+) s of audio.*", "$1"));
    ByteBuffer rb = ByteBuffer.wrap(Files.readAllBytes(ref)).order(ByteOrder.LITTLE_ENDIAN);
    double maxDiff = 0;
    for (float[] frame : levels) {
      for (float v : frame) {
        maxDiff = Math.max(maxDiff, Math.abs(v - rb.getFloat()));
      }
    }
    double javaRate = seconds / best;
    System.out.printf(
        Locale.ROOT, "%nFast third-octave analysis of %d s of 32 kHz audio, one core%n", seconds);
    System.out.printf(
        Locale.ROOT,
        "  octave2vec (JTransforms): %8.1f s of audio per s (%.3f s)%n",
        javaRate,
        best);
    System.out.printf(Locale.ROOT, "  %s%n", py);
    System.out.printf(
        Locale.ROOT,
        "  ratio octave2vec / numpy-scipy: %.2fx; max level difference %.4f dB over %d frames%n",
        javaRate / pyRate,
        maxDiff,
        levels.length);
  }
}
