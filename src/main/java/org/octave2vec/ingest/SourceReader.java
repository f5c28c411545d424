package org.octave2vec.ingest;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipException;

/**
 * Reads one decompressed CSV source: the header, then every line into a frame or a quarantine row.
 * File-level problems (empty, header only, bad header, broken stream) become one quarantine row;
 * rows read before a break are kept.
 */
public final class SourceReader {
  /** A backward step larger than this is a clock jump, not just an out-of-order row. */
  public static final long CLOCK_JUMP_MS = 1000;

  private final ParseSettings settings;

  public SourceReader(ParseSettings settings) {
    this.settings = settings;
  }

  /** Thrown by a bounded stream once a source exceeds {@link ParseSettings#maxSourceBytes()}. */
  public static final class SourceTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    public SourceTooLargeException(long limit) {
      super("more than " + limit + " bytes after decompression");
    }
  }

  public SourceStats read(InputStream in, String source, String sensor, RecordSink sink) {
    return new Pass(new BoundedLineReader(in, settings.maxLineBytes()), source, sensor, sink).run();
  }

  /**
   * The reading state of one source. One object per source, so the per-line path allocates no more
   * than before; the counters become its fields and each kind of line gets its own method.
   */
  private final class Pass {
    private final BoundedLineReader r;
    private final String source;
    private final String sensor;
    private final RecordSink sink;
    private final SourceTally tally = new SourceTally();
    private final double offset;
    private CsvHeader header;
    private FrameParser parser;
    private boolean headerBroken;

    Pass(BoundedLineReader r, String source, String sensor, RecordSink sink) {
      this.r = r;
      this.source = source;
      this.sensor = sensor;
      this.sink = sink;
      this.offset = settings.offsetFor(sensor);
    }

    SourceStats run() {
      try {
        while (r.next()) {
          if (r.length() == 0 || isBlank(r.bytes(), r.length())) {
            tally.blank++;
            continue;
          }
          if (header == null && !headerBroken) {
            if (!firstHeader(r.text())) {
              tally.fileRejected = true;
              return tally.stats(source, sensor);
            }
            continue;
          }
          dataLine();
        }
        endOfSource();
      } catch (SourceTooLargeException e) {
        rejectRest(
            Reason.FILE_TOO_LARGE,
            "stopped reading after line "
                + r.lineNumber()
                + ": "
                + e.getMessage()
                + " (limit --max-source-bytes); rows before kept");
      } catch (EOFException | ZipException e) {
        rejectRest(
            Reason.TRUNCATED_GZIP,
            "compressed stream ends early after line "
                + r.lineNumber()
                + " ("
                + e.getMessage()
                + "); rows before kept");
      } catch (IOException | RuntimeException e) {
        rejectRest(Reason.UNREADABLE_FILE, "read failed after line " + r.lineNumber() + ": " + e);
      }
      return tally.stats(source, sensor);
    }

    /** The first non-blank line; false when it is no usable header (the file is rejected). */
    private boolean firstHeader(String text) {
      String mismatch =
          CsvHeader.layoutMismatch(text, settings.layout(), settings.layoutFromHeaders());
      if (mismatch != null) {
        sink.reject(
            sensor,
            source,
            r.lineNumber(),
            clipRaw(text),
            Reason.LAYOUT_MISMATCH,
            mismatch + "; the file's rows are skipped");
        tally.fileRejected = true;
        return false;
      }
      try {
        follow(CsvHeader.parse(text, settings.layout(), settings.extras()));
        return true;
      } catch (CsvHeader.HeaderException e) {
        sink.reject(
            sensor,
            source,
            r.lineNumber(),
            clipRaw(text),
            Reason.BAD_HEADER,
            e.getMessage() + "; the file's rows are skipped");
        tally.fileRejected = true;
        return false;
      }
    }

    private void follow(CsvHeader h) {
      header = h;
      parser = new FrameParser(h, settings, offset);
      tally.unknown.addAll(h.unknownColumns());
      tally.extrasFound.addAll(extrasOf(h));
    }

    /** A line after the header: a frame, a second header, or a quarantined row. */
    private void dataLine() {
      tally.data++;
      if (r.tooLong()) {
        tally.rejected++;
        sink.reject(
            sensor,
            source,
            r.lineNumber(),
            clipRaw(r.text()),
            Reason.LINE_TOO_LONG,
            "line longer than " + settings.maxLineBytes() + " bytes");
        return;
      }
      if (!headerBroken && parser.parse(r.bytes(), r.length())) {
        frame();
        return;
      }
      String text = r.text();
      if (CsvHeader.looksLikeHeader(text)) {
        tally.rejected++;
        midFileHeader(text);
        return;
      }
      tally.rejected++;
      if (headerBroken) {
        sink.reject(
            sensor,
            source,
            r.lineNumber(),
            clipRaw(text),
            Reason.UNUSABLE_HEADER,
            "row under an unusable mid-file header");
      } else {
        sink.reject(sensor, source, r.lineNumber(), clipRaw(text), parser.reason, parser.message);
      }
    }

    private void frame() {
      tally.kept(parser.epoch);
      sink.frame(sensor, parser.epoch, parser.bands, parser.extras, source, r.lineNumber());
    }

    /** A second header (concatenated exports): quarantine the line, follow the new header. */
    private void midFileHeader(String text) {
      String message;
      try {
        follow(CsvHeader.parse(text, settings.layout(), settings.extras()));
        headerBroken = false;
        message = "header line inside the file; the rows after it are read with it";
      } catch (CsvHeader.HeaderException e) {
        headerBroken = true;
        message =
            "header line inside the file that cannot be used ("
                + e.getMessage()
                + "); the rows after it are quarantined";
      }
      sink.reject(sensor, source, r.lineNumber(), clipRaw(text), Reason.MIXED_HEADER, message);
    }

    /** A source with no header or no data line is rejected as a whole. */
    private void endOfSource() {
      if (header == null && !headerBroken) {
        tally.fileRejected = true;
        sink.reject(
            sensor,
            source,
            0,
            "",
            Reason.EMPTY_FILE,
            tally.blank > 0 ? "file holds only blank lines" : "file is empty");
      } else if (tally.data == 0) {
        tally.fileRejected = true;
        sink.reject(
            sensor,
            source,
            r.lineNumber(),
            "",
            Reason.HEADER_ONLY,
            "file has a header and no rows");
      }
    }

    /** The stream broke or grew too large: the rest of the file is one rejection. */
    private void rejectRest(Reason reason, String message) {
      tally.fileRejected = true;
      sink.reject(sensor, source, r.lineNumber() + 1, clipRaw(r.partial()), reason, message);
    }
  }

  private List<String> extrasOf(CsvHeader h) {
    List<String> out = new ArrayList<>();
    for (int role : h.roles) {
      if (role <= -3) {
        out.add(settings.extras().get(-role - 3));
      }
    }
    return out;
  }

  private static boolean isBlank(byte[] b, int len) {
    for (int i = 0; i < len; i++) {
      if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r') {
        return false;
      }
    }
    return true;
  }

  static String clipRaw(String s) {
    return s.length() <= ParseSettings.RAW_MAX_CHARS
        ? s
        : s.substring(0, ParseSettings.RAW_MAX_CHARS) + "…";
  }
}
