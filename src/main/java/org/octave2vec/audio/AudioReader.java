package org.octave2vec.audio;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import org.jflac.FLACDecoder;
import org.jflac.PCMProcessor;
import org.jflac.metadata.StreamInfo;
import org.jflac.util.ByteData;

/**
 * Decodes WAV and FLAC into a mono {@link AudioClip}.
 *
 * <p>The container is chosen by magic bytes, not by name. WAV goes through the JDK's own readers
 * (javax.sound.sampled), which in JDK 17 cover PCM 8-bit unsigned and 16/24/32-bit signed, IEEE
 * float 32/64 and WAVE_FORMAT_EXTENSIBLE; the raw frames are converted here. FLAC (8/16/24-bit)
 * goes straight to jflac's FLACDecoder rather than through its javax SPI, so there is one PCM path.
 * Channels are averaged. Compressed or companded encodings (mu-law, A-law, ADPCM, MP3, Ogg) are
 * rejected by name: they are not what the sensors record and decoding them would hide a pipeline
 * mistake. Truncated data (fewer frames than the header declares) is an IOException, not a silently
 * shorter clip.
 */
public final class AudioReader {

  private AudioReader() {}

  /** Reads a whole clip; {@code name} is only used in messages. */
  public static AudioClip read(InputStream in, String name)
      throws IOException, UnsupportedAudioException {
    byte[] bytes = in.readAllBytes();
    if (bytes.length < 12) {
      throw new UnsupportedAudioException(
          name + ": only " + bytes.length + " bytes, too short for WAV or FLAC");
    }
    String magic = new String(bytes, 0, 4, StandardCharsets.ISO_8859_1);
    String riffType = new String(bytes, 8, 4, StandardCharsets.ISO_8859_1);
    if (magic.equals("RIFF") && riffType.equals("WAVE")) {
      return readWav(bytes, name);
    }
    if (magic.equals("fLaC")) {
      return readFlac(bytes, name);
    }
    if (magic.startsWith("ID3") || ((bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xE0) == 0xE0)) {
      throw new UnsupportedAudioException(
          name + ": looks like MP3, which is not supported (use WAV or FLAC)");
    }
    if (magic.equals("OggS")) {
      throw new UnsupportedAudioException(
          name + ": Ogg container is not supported (use WAV or FLAC)");
    }
    throw new UnsupportedAudioException(
        name + ": unrecognised header " + hex(bytes, 12) + ", expected RIFF/WAVE or fLaC");
  }

  static AudioClip readWav(byte[] bytes, String name)
      throws IOException, UnsupportedAudioException {
    AudioInputStream ais = openWav(bytes, name);
    AudioFormat f = ais.getFormat();
    requireSupportedWav(f, name);
    int bits = f.getSampleSizeInBits();
    boolean floating = f.getEncoding().equals(AudioFormat.Encoding.PCM_FLOAT);
    boolean unsigned = f.getEncoding().equals(AudioFormat.Encoding.PCM_UNSIGNED);
    byte[] data = ais.readAllBytes();
    int frameBytes = f.getChannels() * bits / 8;
    long declared = ais.getFrameLength();
    long frames = data.length / frameBytes;
    if (declared != AudioSystem.NOT_SPECIFIED && frames < declared) {
      throw new IOException(
          name
              + ": truncated WAV, header declares "
              + declared
              + " frames but only "
              + frames
              + " are present");
    }
    float[] mono = new float[(int) frames];
    int channels = f.getChannels();
    int bytesPerSample = bits / 8;
    for (int i = 0; i < frames; i++) {
      double sum = 0;
      for (int c = 0; c < channels; c++) {
        int off = (i * channels + c) * bytesPerSample;
        sum +=
            floating
                ? readFloat(data, off, bits, f.isBigEndian())
                : unsigned
                    ? ((data[off] & 0xFF) - 128) / 128.0
                    : readSigned(data, off, bytesPerSample, f.isBigEndian())
                        / Math.pow(2, bits - 1);
      }
      mono[i] = (float) (sum / channels);
    }
    String format = "wav " + (floating ? "float" : "pcm") + bits;
    return new AudioClip(mono, Math.round(f.getSampleRate()), channels, format);
  }

  private static AudioInputStream openWav(byte[] bytes, String name)
      throws IOException, UnsupportedAudioException {
    try {
      return AudioSystem.getAudioInputStream(new ByteArrayInputStream(bytes));
    } catch (UnsupportedAudioFileException e) {
      throw new UnsupportedAudioException(
          name
              + ": WAV "
              + describeFormatTag(bytes)
              + " cannot be decoded ("
              + bytes.length
              + " bytes; "
              + e.getMessage()
              + ")",
          e);
    }
  }

  /** PCM (signed 8/16/24/32-bit, unsigned 8-bit) or IEEE float 32/64; anything else is refused. */
  private static void requireSupportedWav(AudioFormat f, String name)
      throws UnsupportedAudioException {
    AudioFormat.Encoding enc = f.getEncoding();
    int bits = f.getSampleSizeInBits();
    boolean floating = enc.equals(AudioFormat.Encoding.PCM_FLOAT);
    boolean signed = enc.equals(AudioFormat.Encoding.PCM_SIGNED);
    boolean unsigned = enc.equals(AudioFormat.Encoding.PCM_UNSIGNED);
    boolean intOk =
        (signed && (bits == 8 || bits == 16 || bits == 24 || bits == 32))
            || (unsigned && bits == 8);
    if (!(intOk || (floating && (bits == 32 || bits == 64)))) {
      throw new UnsupportedAudioException(
          name
              + ": WAV encoding "
              + enc
              + " "
              + bits
              + "-bit is not supported (PCM or IEEE float only)");
    }
  }

  static AudioClip readFlac(byte[] bytes, String name)
      throws IOException, UnsupportedAudioException {
    FLACDecoder decoder = new FLACDecoder(new ByteArrayInputStream(bytes));
    PcmCollector pcm = new PcmCollector();
    decoder.addPCMProcessor(pcm);
    try {
      decoder.decode();
    } catch (IOException | RuntimeException e) {
      // jflac reports corrupt streams with assorted runtime exceptions; name the file either way.
      throw new IOException(name + ": corrupt FLAC stream: " + e, e);
    }
    StreamInfo info = pcm.info != null ? pcm.info : decoder.getStreamInfo();
    if (info == null) {
      throw new IOException(name + ": FLAC stream has no STREAMINFO block (truncated header?)");
    }
    int bits = info.getBitsPerSample();
    if (bits != 8 && bits != 16 && bits != 24) {
      throw new UnsupportedAudioException(
          name + ": FLAC with " + bits + " bits per sample is not supported (8, 16 or 24)");
    }
    int channels = info.getChannels();
    int bytesPerSample = bits / 8;
    long frames = pcm.length / (bytesPerSample * channels);
    if (info.getTotalSamples() > 0 && frames < info.getTotalSamples()) {
      throw new IOException(
          name
              + ": truncated FLAC, STREAMINFO declares "
              + info.getTotalSamples()
              + " samples but only "
              + frames
              + " decoded");
    }
    float[] mono = new float[(int) frames];
    for (int i = 0; i < frames; i++) {
      double sum = 0;
      for (int c = 0; c < channels; c++) {
        int off = (i * channels + c) * bytesPerSample;
        // jflac emits little-endian PCM; 8-bit as unsigned, like WAV.
        sum +=
            bits == 8
                ? ((pcm.data[off] & 0xFF) - 128) / 128.0
                : readSigned(pcm.data, off, bytesPerSample, false) / Math.pow(2, bits - 1);
      }
      mono[i] = (float) (sum / channels);
    }
    return new AudioClip(mono, info.getSampleRate(), channels, "flac " + bits);
  }

  /** Accumulates jflac's decoded PCM blocks. */
  private static final class PcmCollector implements PCMProcessor {
    StreamInfo info;
    byte[] data = new byte[1 << 16];
    int length;

    @Override
    public void processStreamInfo(StreamInfo streamInfo) {
      info = streamInfo;
    }

    @Override
    public void processPCM(ByteData pcm) {
      if (length + pcm.getLen() > data.length) {
        data = Arrays.copyOf(data, Math.max(2 * data.length, length + pcm.getLen()));
      }
      System.arraycopy(pcm.getData(), 0, data, length, pcm.getLen());
      length += pcm.getLen();
    }
  }

  static long readSigned(byte[] b, int off, int n, boolean bigEndian) {
    long v = 0;
    for (int i = 0; i < n; i++) {
      int idx = bigEndian ? off + i : off + n - 1 - i;
      v = (v << 8) | (b[idx] & 0xFF);
    }
    int shift = 64 - 8 * n;
    return (v << shift) >> shift;
  }

  static double readFloat(byte[] b, int off, int bits, boolean bigEndian) {
    long raw = readSigned(b, off, bits / 8, bigEndian);
    return bits == 32 ? Float.intBitsToFloat((int) raw) : Double.longBitsToDouble(raw);
  }

  /** Names the fmt chunk's format tag for error messages, e.g. "format 0x0011 (IMA ADPCM)". */
  static String describeFormatTag(byte[] b) {
    int pos = 12;
    while (pos + 8 <= b.length) {
      String id = new String(b, pos, 4, StandardCharsets.ISO_8859_1);
      long size = readSigned(b, pos + 4, 4, false) & 0xFFFFFFFFL;
      if (id.equals("fmt ") && pos + 10 <= b.length) {
        int tag = (int) (readSigned(b, pos + 8, 2, false) & 0xFFFF);
        return String.format(
            "format 0x%04X (%s)",
            tag,
            switch (tag) {
              case 1 -> "PCM";
              case 2 -> "MS ADPCM";
              case 3 -> "IEEE float";
              case 6 -> "A-law";
              case 7 -> "mu-law";
              case 0x11 -> "IMA ADPCM";
              case 0x55 -> "MP3";
              case 0xFFFE -> "extensible";
              default -> "unknown";
            });
      }
      pos += 8 + size + (size & 1);
    }
    return "without a readable fmt chunk (truncated or malformed header)";
  }

  static String hex(byte[] b, int n) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < Math.min(n, b.length); i++) {
      s.append(String.format("%02x", b[i] & 0xFF));
    }
    return s.toString();
  }
}
