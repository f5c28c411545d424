package org.octave2vec.ingest;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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
    BoundedLineReader r = new BoundedLineReader(in, settings.maxLineBytes());
    double offset = settings.offsetFor(sensor);
    CsvHeader header = null;
    FrameParser parser = null;
    boolean headerBroken = false;
    long data = 0;
    long framesOut = 0;
    long rejected = 0;
    long blank = 0;
    long outOfOrder = 0;
    long jumps = 0;
    long prevEpoch = Long.MIN_VALUE;
    boolean fileRejected = false;
    Set<String> unknown = new LinkedHashSet<>();
    Set<String> extrasFound = new LinkedHashSet<>();
    try {
      while (r.next()) {
        if (r.length() == 0 || isBlank(r.bytes(), r.length())) {
          blank++;
          continue;
        }
        if (header == null && !headerBroken) {
          String text = r.text();
          try {
            header = CsvHeader.parse(text, settings.layout(), settings.extras());
            parser = new FrameParser(header, settings, offset);
            unknown.addAll(header.unknownColumns());
            extrasFound.addAll(extrasOf(header));
          } catch (CsvHeader.HeaderException e) {
            sink.reject(sensor, source, r.lineNumber(), clipRaw(text), Reason.BAD_HEADER,
                e.getMessage() + "; the file's rows are skipped");
            fileRejected = true;
            return new SourceStats(source, sensor, 0, 0, 0, blank, 0, 0, true, List.copyOf(unknown),
                List.copyOf(extrasFound));
          }
          continue;
        }
        data++;
        if (r.tooLong()) {
          rejected++;
          sink.reject(sensor, source, r.lineNumber(), clipRaw(r.text()), Reason.LINE_TOO_LONG,
              "line longer than " + settings.maxLineBytes() + " bytes");
          continue;
        }
        if (!headerBroken && parser.parse(r.bytes(), r.length())) {
          if (parser.epoch < prevEpoch) {
            outOfOrder++;
            if (prevEpoch - parser.epoch > CLOCK_JUMP_MS) {
              jumps++;
            }
          }
          prevEpoch = parser.epoch;
          framesOut++;
          sink.frame(sensor, parser.epoch, parser.bands, parser.extras, source, r.lineNumber());
          continue;
        }
        String text = r.text();
        if (CsvHeader.looksLikeHeader(text)) {
          // a second header (concatenated exports): quarantine the line, follow the new header
          rejected++;
          try {
            header = CsvHeader.parse(text, settings.layout(), settings.extras());
            parser = new FrameParser(header, settings, offset);
            headerBroken = false;
            unknown.addAll(header.unknownColumns());
            extrasFound.addAll(extrasOf(header));
            sink.reject(sensor, source, r.lineNumber(), clipRaw(text), Reason.MIXED_HEADER,
                "header line inside the file; the rows after it are read with it");
          } catch (CsvHeader.HeaderException e) {
            headerBroken = true;
            sink.reject(sensor, source, r.lineNumber(), clipRaw(text), Reason.MIXED_HEADER,
                "header line inside the file that cannot be used (" + e.getMessage()
                    + "); the rows after it are quarantined");
          }
          continue;
        }
        rejected++;
        if (headerBroken) {
          sink.reject(sensor, source, r.lineNumber(), clipRaw(text), Reason.UNUSABLE_HEADER,
              "row under an unusable mid-file header");
        } else {
          sink.reject(sensor, source, r.lineNumber(), clipRaw(text), parser.reason, parser.message);
        }
      }
      if (header == null && !headerBroken) {
        fileRejected = true;
        sink.reject(sensor, source, 0, "", Reason.EMPTY_FILE,
            blank > 0 ? "file holds only blank lines" : "file is empty");
      } else if (data == 0) {
        fileRejected = true;
        sink.reject(sensor, source, r.lineNumber(), "", Reason.HEADER_ONLY,
            "file has a header and no rows");
      }
    } catch (SourceTooLargeException e) {
      fileRejected = true;
      sink.reject(sensor, source, r.lineNumber() + 1, clipRaw(r.partial()), Reason.FILE_TOO_LARGE,
          "stopped reading after line " + r.lineNumber() + ": " + e.getMessage()
              + " (limit --max-source-bytes); rows before kept");
    } catch (EOFException | ZipException e) {
      fileRejected = true;
      sink.reject(sensor, source, r.lineNumber() + 1, clipRaw(r.partial()), Reason.TRUNCATED_GZIP,
          "compressed stream ends early after line " + r.lineNumber() + " (" + e.getMessage()
              + "); rows before kept");
    } catch (IOException | RuntimeException e) {
      fileRejected = true;
      sink.reject(sensor, source, r.lineNumber() + 1, clipRaw(r.partial()), Reason.UNREADABLE_FILE,
          "read failed after line " + r.lineNumber() + ": " + e);
    }
    return new SourceStats(source, sensor, data, framesOut, rejected, blank, outOfOrder, jumps,
        fileRejected, List.copyOf(unknown), List.copyOf(extrasFound));
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
    return s.length() <= ParseSettings.RAW_MAX_CHARS ? s
        : s.substring(0, ParseSettings.RAW_MAX_CHARS) + "…";
  }
}
