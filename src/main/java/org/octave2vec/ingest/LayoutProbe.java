package org.octave2vec.ingest;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.ArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.hadoop.conf.Configuration;
import org.octave2vec.common.BandLayout;

/**
 * {@code --bands auto}: the driver reads first headers, files in path order, until one names a band
 * layout; that layout is the table's. Only headers are read, and at most {@link #MAX_FILES} files
 * and {@link #MAX_MEMBERS} members of an archive, so a folder of bad files costs little.
 */
public final class LayoutProbe {
  static final int MAX_FILES = 64;
  static final int MAX_MEMBERS = 16;
  private static final int MAX_BLANK_LINES = 1000;

  private LayoutProbe() {}

  /** The layout found and the source whose header named it. */
  public record Found(BandLayout layout, String source) {}

  /** The first layout named by a header of {@code paths} (sorted first), or null if none. */
  public static Found first(Configuration conf, List<String> paths, int maxLineBytes) {
    List<String> sorted = paths.stream().sorted().limit(MAX_FILES).toList();
    for (String p : sorted) {
      try (InputStream in = InputPaths.open(conf, p)) {
        Found f = ofFile(in, p, maxLineBytes);
        if (f != null) {
          return f;
        }
      } catch (IOException | RuntimeException e) {
        // unreadable here, rejected with its reason when the tasks read it
      }
    }
    return null;
  }

  /** The layout named by the first header of one input file (plain, gzip or archive), or null. */
  static Found ofFile(InputStream raw, String path, int maxLineBytes) throws IOException {
    SourceOpener.Kind kind = SourceOpener.kindOf(path);
    InputStream in = new BufferedInputStream(raw, 1 << 16);
    switch (kind) {
      case CSV:
        return found(headerLayout(in, maxLineBytes), path);
      case CSV_GZ:
        return found(headerLayout(new GZIPInputStream(in), maxLineBytes), path);
      case ZIP:
      case TAR:
      case TAR_GZ:
        return ofArchive(in, kind, path, maxLineBytes);
      default:
        return null; // HDF5 and audio name no CSV header
    }
  }

  private static Found ofArchive(
      InputStream in, SourceOpener.Kind kind, String path, int maxLineBytes) throws IOException {
    InputStream body = kind == SourceOpener.Kind.TAR_GZ ? new GZIPInputStream(in) : in;
    @SuppressWarnings("resource")
    ArchiveInputStream archive =
        kind == SourceOpener.Kind.ZIP
            ? new ZipArchiveInputStream(body)
            : new TarArchiveInputStream(body);
    ArchiveEntry e;
    int members = 0;
    while ((e = archive.getNextEntry()) != null && members++ < MAX_MEMBERS) {
      SourceOpener.Kind mk = SourceOpener.kindOf(e.getName());
      if (e.isDirectory() || !archive.canReadEntryData(e)) {
        continue;
      }
      BandLayout l = null;
      if (mk == SourceOpener.Kind.CSV) {
        l = headerLayout(archive, maxLineBytes);
      } else if (mk == SourceOpener.Kind.CSV_GZ) {
        l = headerLayout(new GZIPInputStream(archive), maxLineBytes);
      }
      if (l != null) {
        return new Found(l, path + "!/" + e.getName());
      }
    }
    return null;
  }

  /** The layout the first non-blank line names, if that line is a header (it has epoch). */
  static BandLayout headerLayout(InputStream in, int maxLineBytes) throws IOException {
    BoundedLineReader r = new BoundedLineReader(in, maxLineBytes);
    for (int i = 0; i < MAX_BLANK_LINES && r.next(); i++) {
      String line = r.text();
      if (line.isBlank()) {
        continue;
      }
      return !r.tooLong() && CsvHeader.looksLikeHeader(line)
          ? BandLayout.ofHeader(CsvHeader.namesOf(line))
          : null;
    }
    return null;
  }

  private static Found found(BandLayout l, String source) {
    return l == null ? null : new Found(l, source);
  }
}
