package org.octave2vec.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads text lines from a byte stream with a hard bound on line length, so a corrupt or malicious
 * file with a multi-gigabyte "line" costs constant memory: the excess is skipped, not buffered.
 *
 * <p>Accepts {@code \n}, {@code \r\n} and {@code \r} (classic Mac) endings and drops a UTF-8
 * byte-order mark at the start. Keeps the bytes read of an unfinished line so a truncated stream
 * can report what it broke on.
 */
public final class BoundedLineReader {
  private final InputStream in;
  private final int maxLineBytes;
  private final byte[] buf = new byte[1 << 16];
  private int pos;
  private int lim;
  private byte[] line;
  private int len;
  private boolean tooLong;
  private long lineNumber;
  private boolean first = true;
  private boolean afterCr;

  public BoundedLineReader(InputStream in, int maxLineBytes) {
    this.in = in;
    this.maxLineBytes = maxLineBytes;
    this.line = new byte[Math.min(maxLineBytes, 1024)];
  }

  /**
   * Advances to the next line. Returns false at the end of input. On an I/O error (for example a
   * truncated gzip member) the exception propagates and {@link #partial()} holds what was read of
   * the unfinished line.
   */
  public boolean next() throws IOException {
    len = 0;
    tooLong = false;
    boolean any = false;
    while (true) {
      if (pos == lim) {
        lim = in.read(buf, 0, buf.length);
        pos = 0;
        if (lim <= 0) {
          lim = 0;
          if (!any) {
            return false;
          }
          break;
        }
      }
      if (afterCr) {
        afterCr = false;
        if (buf[pos] == '\n') {
          pos++; // the '\n' of a "\r\n" ending
          continue;
        }
      }
      any = true;
      int start = pos;
      while (pos < lim && buf[pos] != '\n' && buf[pos] != '\r') {
        pos++;
      }
      append(start, pos - start);
      if (pos < lim) {
        afterCr = buf[pos] == '\r';
        pos++; // consume the ending
        break;
      }
    }
    lineNumber++;
    if (len > 0 && line[len - 1] == '\r') {
      len--;
    }
    if (first) {
      first = false;
      if (len >= 3
          && (line[0] & 0xff) == 0xEF
          && (line[1] & 0xff) == 0xBB
          && (line[2] & 0xff) == 0xBF) {
        System.arraycopy(line, 3, line, 0, len - 3);
        len -= 3;
      }
    }
    return true;
  }

  private void append(int start, int n) {
    int room = maxLineBytes - len;
    if (n > room) {
      tooLong = true;
      n = Math.max(room, 0);
    }
    if (n == 0) {
      return;
    }
    if (len + n > line.length) {
      byte[] bigger = new byte[Math.min(maxLineBytes, Math.max(line.length * 2, len + n))];
      System.arraycopy(line, 0, bigger, 0, len);
      line = bigger;
    }
    System.arraycopy(buf, start, line, len, n);
    len += n;
  }

  /** The current line (without its ending), cut at the bound if {@link #tooLong()}. */
  public String text() {
    return new String(line, 0, len, StandardCharsets.UTF_8);
  }

  /** Raw access for the hot path: bytes {@code [0, length())} of the current line. */
  public byte[] bytes() {
    return line;
  }

  public int length() {
    return len;
  }

  public boolean tooLong() {
    return tooLong;
  }

  /** 1-based number of the current line. */
  public long lineNumber() {
    return lineNumber;
  }

  /** Bytes of an unfinished line after an I/O error, as text. */
  public String partial() {
    return new String(line, 0, len, StandardCharsets.UTF_8);
  }
}
