package org.octave2vec.generate;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/**
 * Writes CSV members one at a time, as files ({@code csv}, {@code csv.gz}) or into one {@code
 * archive.zip} / {@code archive.tar.gz}. Zip and tar members go through a temporary file first
 * because tar needs each size up front. Entry times and owners are fixed so equal content gives
 * equal bytes.
 */
final class ArchiveWriter implements Closeable {
  /** Tar mtime: 2020-01-01T00:00:00Z. */
  private static final long TAR_TIME_MS = 1577836800000L;

  private static final int BUFFER = 1 << 16;

  private final Path dir;
  private final ArchiveFormat format;
  private final List<Path> files = new ArrayList<>();
  private final Map<String, Long> rowsPerMember = new LinkedHashMap<>();
  private ZipArchiveOutputStream zip;
  private TarArchiveOutputStream tar;
  private Writer current;
  private String currentName;
  private Path currentPath;
  private long currentRows;

  ArchiveWriter(Path archiveDir, ArchiveFormat format) throws IOException {
    this.dir = archiveDir;
    this.format = format;
    Files.createDirectories(dir);
    if (format == ArchiveFormat.ZIP) {
      Path p = dir.resolve("archive.zip");
      zip = new ZipArchiveOutputStream(p);
      zip.setLevel(Deflater.BEST_SPEED);
      files.add(p);
    } else if (format == ArchiveFormat.TAR_GZ) {
      Path p = dir.resolve("archive.tar.gz");
      tar =
          new TarArchiveOutputStream(
              fastGzip(new BufferedOutputStream(Files.newOutputStream(p), BUFFER)));
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      files.add(p);
    }
  }

  /** Starts member {@code name} (e.g. {@code p0001.csv}) and writes its header line. */
  void open(String name, String header) throws IOException {
    closeMember();
    currentName = name;
    currentRows = 0;
    OutputStream out;
    if (zip != null || tar != null) {
      currentPath = dir.resolve(".member.tmp");
      out = Files.newOutputStream(currentPath);
    } else if (format == ArchiveFormat.CSV_GZ) {
      currentPath = dir.resolve(name + ".gz");
      Files.createDirectories(currentPath.getParent());
      out = fastGzip(Files.newOutputStream(currentPath));
    } else {
      currentPath = dir.resolve(name);
      Files.createDirectories(currentPath.getParent());
      out = Files.newOutputStream(currentPath);
    }
    current = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.US_ASCII), BUFFER);
    current.write(header);
    current.write('\n');
  }

  /** Appends one data row (without newline) to the open member. */
  void row(CharSequence line) throws IOException {
    current.append(line).append('\n');
    currentRows++;
  }

  boolean isOpen() {
    return current != null;
  }

  void closeMember() throws IOException {
    if (current == null) {
      return;
    }
    current.close();
    current = null;
    rowsPerMember.put(currentName, currentRows);
    if (zip != null) {
      ZipArchiveEntry e = new ZipArchiveEntry(currentName);
      e.setMethod(ZipArchiveEntry.DEFLATED);
      e.setSize(Files.size(currentPath));
      // Zip stores local wall-clock time: take 2020-01-01 00:00 in the default zone so the
      // bytes do not depend on the machine's time zone.
      e.setTime(
          LocalDateTime.of(2020, 1, 1, 0, 0)
              .atZone(ZoneId.systemDefault())
              .toInstant()
              .toEpochMilli());
      zip.putArchiveEntry(e);
      Files.copy(currentPath, zip);
      zip.closeArchiveEntry();
      Files.delete(currentPath);
    } else if (tar != null) {
      TarArchiveEntry e = new TarArchiveEntry(currentName);
      e.setSize(Files.size(currentPath));
      e.setModTime(TAR_TIME_MS);
      e.setMode(0100644);
      e.setIds(0, 0);
      e.setUserName(""); // the default is the current user, which would vary
      e.setGroupName("");
      tar.putArchiveEntry(e);
      Files.copy(currentPath, tar);
      tar.closeArchiveEntry();
      Files.delete(currentPath);
    } else {
      files.add(currentPath);
    }
  }

  /**
   * Gzip at level 1: digits of band levels compress barely better at the default level 6, which
   * takes about four times longer than generating the rows.
   */
  static GZIPOutputStream fastGzip(OutputStream out) throws IOException {
    return new GZIPOutputStream(out, BUFFER) {
      {
        def.setLevel(Deflater.BEST_SPEED);
      }
    };
  }

  List<Path> files() {
    return List.copyOf(files);
  }

  Map<String, Long> rowsPerMember() {
    return rowsPerMember;
  }

  @Override
  public void close() throws IOException {
    closeMember();
    if (zip != null) {
      zip.close();
    }
    if (tar != null) {
      tar.close();
    }
  }
}
