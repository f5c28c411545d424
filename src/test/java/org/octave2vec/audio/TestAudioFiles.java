package org.octave2vec.audio;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Writes small WAV and FLAC files byte by byte, independent of the code under test. */
final class TestAudioFiles {

  private TestAudioFiles() {}

  /**
   * RIFF/WAVE with one fmt chunk; interleaved integer samples (already quantised) or raw floats.
   */
  static byte[] wav(int formatTag, int channels, int rate, int bits, byte[] data) {
    ByteBuffer b = ByteBuffer.allocate(44 + data.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes()).putInt(36 + data.length).put("WAVE".getBytes());
    b.put("fmt ".getBytes()).putInt(16).putShort((short) formatTag).putShort((short) channels);
    b.putInt(rate).putInt(rate * channels * bits / 8).putShort((short) (channels * bits / 8));
    b.putShort((short) bits);
    b.put("data".getBytes()).putInt(data.length).put(data);
    return b.array();
  }

  /** Little-endian two's-complement (or unsigned for 8 bits) PCM bytes of interleaved samples. */
  static byte[] pcm(long[] interleaved, int bits) {
    int n = bits / 8;
    byte[] out = new byte[interleaved.length * n];
    for (int i = 0; i < interleaved.length; i++) {
      long v = bits == 8 ? interleaved[i] + 128 : interleaved[i];
      for (int k = 0; k < n; k++) {
        out[i * n + k] = (byte) (v >> (8 * k));
      }
    }
    return out;
  }

  static byte[] float32(float[] interleaved) {
    ByteBuffer b = ByteBuffer.allocate(4 * interleaved.length).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : interleaved) {
      b.putFloat(v);
    }
    return b.array();
  }

  static byte[] float64(float[] interleaved) {
    ByteBuffer b = ByteBuffer.allocate(8 * interleaved.length).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : interleaved) {
      b.putDouble(v);
    }
    return b.array();
  }

  /**
   * A valid FLAC stream using only VERBATIM subframes (no compression), which is all a decoder test
   * needs and small enough to write here: jflac ships no working encoder.
   */
  static byte[] flac(long[][] channels, int rate, int bits) {
    int block = 4096;
    int n = channels[0].length;
    Bits out = new Bits();
    out.put(0x664C6143L, 32); // "fLaC"
    out.put(1, 1).put(0, 7).put(34, 24); // last metadata block: STREAMINFO, 34 bytes
    out.put(block, 16).put(block, 16).put(0, 24).put(0, 24);
    out.put(rate, 20).put(channels.length - 1, 3).put(bits - 1, 5).put(n, 36);
    for (int i = 0; i < 16; i++) {
      out.put(0, 8); // MD5 unknown
    }
    int sizeCode =
        switch (bits) {
          case 8 -> 1;
          case 16 -> 4;
          case 24 -> 6;
          default -> throw new IllegalArgumentException("bits " + bits);
        };
    for (int frame = 0, start = 0; start < n; frame++, start += block) {
      int len = Math.min(block, n - start);
      int frameStart = out.size();
      out.put(0x3FFE, 14).put(0, 1).put(0, 1); // sync, reserved, fixed block size
      out.put(7, 4).put(0, 4); // block size in 16 bits at end of header; rate from STREAMINFO
      out.put(channels.length - 1, 4).put(sizeCode, 3).put(0, 1);
      out.put(frame, 8); // UTF-8 coded frame number, < 128 here
      out.put(len - 1, 16);
      out.put(crc8(out.bytes(), frameStart, out.size()), 8);
      for (long[] ch : channels) {
        out.put(0, 1).put(1, 6).put(0, 1); // VERBATIM, no wasted bits
        for (int i = start; i < start + len; i++) {
          out.put(ch[i], bits);
        }
      }
      out.align();
      out.put(crc16(out.bytes(), frameStart, out.size()), 16);
    }
    return out.bytes();
  }

  static int crc8(byte[] b, int from, int to) {
    int crc = 0;
    for (int i = from; i < to; i++) {
      crc ^= b[i] & 0xFF;
      for (int k = 0; k < 8; k++) {
        crc = (crc & 0x80) != 0 ? ((crc << 1) ^ 0x07) & 0xFF : (crc << 1) & 0xFF;
      }
    }
    return crc;
  }

  static int crc16(byte[] b, int from, int to) {
    int crc = 0;
    for (int i = from; i < to; i++) {
      crc ^= (b[i] & 0xFF) << 8;
      for (int k = 0; k < 8; k++) {
        crc = (crc & 0x8000) != 0 ? ((crc << 1) ^ 0x8005) & 0xFFFF : (crc << 1) & 0xFFFF;
      }
    }
    return crc;
  }

  /** MSB-first bit writer. */
  private static final class Bits {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private long acc;
    private int count;

    Bits put(long value, int width) {
      for (int i = width - 1; i >= 0; i--) {
        acc = (acc << 1) | ((value >> i) & 1);
        if (++count == 8) {
          bytes.write((int) acc);
          acc = 0;
          count = 0;
        }
      }
      return this;
    }

    void align() {
      while (count != 0) {
        put(0, 1);
      }
    }

    int size() {
      return bytes.size();
    }

    byte[] bytes() {
      return bytes.toByteArray();
    }
  }
}
