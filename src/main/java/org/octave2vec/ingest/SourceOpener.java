package org.octave2vec.ingest;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.ArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;

/**
 * Turns one input file into CSV sources: a plain or gzipped CSV is one source, an archive is one
 * source per CSV member. Archives are streamed entry by entry and never extracted, so member names
 * (even {@code ../../etc/passwd}) are only labels. Every input file is capped in decompressed
 * bytes: an archive's members share one cap, skipped members included, so neither many members nor
 * one large non-CSV member costs unbounded time.
 */
public final class SourceOpener {
  private final ParseSettings settings;
  private final SourceReader reader;

  public SourceOpener(ParseSettings settings) {
    this.settings = settings;
    this.reader = new SourceReader(settings);
  }

  /** Kinds of input file, by name. */
  public enum Kind {
    CSV,
    CSV_GZ,
    ZIP,
    TAR,
    TAR_GZ,
    AUDIO,
    HDF5,
    OTHER
  }

  public static Kind kindOf(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.endsWith(".csv")) {
      return Kind.CSV;
    }
    if (n.endsWith(".csv.gz")) {
      return Kind.CSV_GZ;
    }
    if (n.endsWith(".zip")) {
      return Kind.ZIP;
    }
    if (n.endsWith(".tar")) {
      return Kind.TAR;
    }
    if (n.endsWith(".tar.gz") || n.endsWith(".tgz")) {
      return Kind.TAR_GZ;
    }
    if (n.endsWith(".wav") || n.endsWith(".flac")) {
      return Kind.AUDIO;
    }
    if (n.endsWith(".h5") || n.endsWith(".hdf5")) {
      return Kind.HDF5;
    }
    return Kind.OTHER;
  }

  /** Reads every source of {@code in} (named {@code path}) into the sink. Closes nothing. */
  public void read(InputStream raw, String path, RecordSink sink) {
    Kind kind = kindOf(path);
    InputStream in = new BufferedInputStream(raw, 1 << 16);
    switch (kind) {
      case CSV:
      case CSV_GZ:
        readSource(in, kind, path, sink, new Budget(settings.maxSourceBytes()));
        return;
      case ZIP:
      case TAR:
      case TAR_GZ:
        readArchive(in, kind, path, sink);
        return;
      case AUDIO:
        AudioSource.read(new Capped(in, settings.maxSourceBytes()), path, settings, sink);
        return;
      case HDF5:
        readHdf5(in, path, sink);
        return;
      default:
        sink.skipped(path, "not a .csv, .csv.gz, .zip, .tar, .tar.gz, .h5, .wav or .flac file");
    }
  }

  private void readSource(
      InputStream in, Kind kind, String source, RecordSink sink, Budget budget) {
    String sensor = settings.sensorOrReject(source, sink);
    if (sensor == null) {
      return;
    }
    InputStream data;
    try {
      data = kind == Kind.CSV_GZ ? new GZIPInputStream(in, 1 << 16) : in;
    } catch (IOException e) {
      // not even a gzip header: the whole source is unreadable
      sink.rejectSource(
          sensor, source, Reason.TRUNCATED_GZIP, "not a readable gzip stream: " + e.getMessage());
      return;
    }
    sink.stats(reader.read(new Capped(data, budget), source, sensor, sink));
  }

  /** HDF5 needs random access: the file is copied to local disk (bounded) and read there. */
  private void readHdf5(InputStream in, String path, RecordSink sink) {
    java.nio.file.Path tmp = null;
    try {
      tmp = java.nio.file.Files.createTempFile("octave2vec-", ".h5");
      try (java.io.OutputStream out = java.nio.file.Files.newOutputStream(tmp)) {
        new Capped(in, settings.maxSourceBytes()).transferTo(out);
      }
      Hdf5Source.read(tmp, path, settings, sink);
    } catch (IOException e) {
      String sensor = settings.sensorRule().sensorOf(path);
      sink.rejectSource(
          sensor == null || SensorIdRule.invalid(sensor) != null ? null : sensor,
          path,
          e instanceof SourceReader.SourceTooLargeException
              ? Reason.FILE_TOO_LARGE
              : Reason.UNREADABLE_FILE,
          "cannot copy HDF5 file: " + e.getMessage());
    } finally {
      if (tmp != null) {
        try {
          java.nio.file.Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // a temp file left behind is harmless
        }
      }
    }
  }

  private void readArchive(InputStream in, Kind kind, String path, RecordSink sink) {
    try {
      InputStream body = kind == Kind.TAR_GZ ? new GZIPInputStream(in, 1 << 16) : in;
      // both stream entry by entry; nothing is written to disk
      @SuppressWarnings("resource")
      ArchiveInputStream archive =
          kind == Kind.ZIP ? new ZipArchiveInputStream(body) : new TarArchiveInputStream(body);
      Budget budget = new Budget(settings.maxSourceBytes());
      ArchiveEntry e;
      while ((e = archive.getNextEntry()) != null) {
        if (e.isDirectory()) {
          continue;
        }
        String member = path + "!/" + e.getName();
        String link = linkTarget(e);
        if (link != null) {
          // never followed: a member linking to /etc/passwd names a file outside the archive
          sink.skipped(member, "a link in the archive (to " + link + "), not followed");
          continue;
        }
        Kind mk = kindOf(e.getName());
        if (mk == Kind.CSV || mk == Kind.CSV_GZ) {
          if (!archive.canReadEntryData(e)) {
            sink.reject(
                null,
                member,
                0,
                "",
                Reason.UNREADABLE_ARCHIVE,
                "archive member uses an unsupported compression method or encryption");
            continue;
          }
          readSource(new NoClose(archive), mk, member, sink, budget);
        } else {
          sink.skipped(
              member, mk == Kind.OTHER ? "not a CSV member" : "nested archives are not read");
          skipCapped(archive, e, budget);
        }
        if (budget.exceeded) {
          // reading on would decompress the rest unbounded: the archive ends here, on record
          sink.reject(
              null,
              path,
              0,
              "",
              Reason.FILE_TOO_LARGE,
              "stopped in member "
                  + e.getName()
                  + ": the archive's members hold more than "
                  + budget.limit
                  + " bytes after"
                  + " decompression, skipped members included (limit --max-source-bytes); rows of"
                  + " earlier members kept, later members not read");
          return;
        }
      }
    } catch (IOException | RuntimeException e) {
      sink.reject(null, path, 0, "", Reason.UNREADABLE_ARCHIVE, "cannot read archive: " + e);
    }
  }

  /**
   * Reads a member that is not a source through the cap: otherwise the archive stream would
   * decompress it uncounted when moving to the next entry.
   */
  private static void skipCapped(ArchiveInputStream archive, ArchiveEntry e, Budget budget)
      throws IOException {
    if (!archive.canReadEntryData(e)) {
      return; // stored bytes only: the next entry skips them undecompressed
    }
    try {
      new Capped(new NoClose(archive), budget).transferTo(OutputStream.nullOutputStream());
    } catch (SourceReader.SourceTooLargeException tooLarge) {
      // budget.exceeded is set: the caller ends the archive
    }
  }

  /** Decompressed bytes one input file may still yield; the members of an archive share one. */
  static final class Budget {
    final long limit;
    long left;
    boolean exceeded;

    Budget(long limit) {
      this.limit = limit;
      this.left = limit;
    }
  }

  /** Counts decompressed bytes and stops at the cap: a decompression bomb costs bounded time. */
  static final class Capped extends FilterInputStream {
    private final Budget budget;

    Capped(InputStream in, long cap) {
      this(in, new Budget(cap));
    }

    Capped(InputStream in, Budget budget) {
      super(in);
      this.budget = budget;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int r = read(one, 0, 1);
      return r < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (budget.left <= 0) {
        if (super.read() < 0) {
          return -1; // exactly at the cap and done
        }
        budget.exceeded = true;
        throw new SourceReader.SourceTooLargeException(budget.limit);
      }
      int r = super.read(b, off, (int) Math.min(len, budget.left));
      if (r > 0) {
        budget.left -= r;
      }
      return r;
    }
  }

  /** Lets a member be read without closing the archive stream under it. */
  private static final class NoClose extends FilterInputStream {
    NoClose(InputStream in) {
      super(in);
    }

    @Override
    public void close() {}
  }

  /** Where an archive member links to (tar symbolic or hard link, zip Unix symlink), or null. */
  static String linkTarget(ArchiveEntry e) {
    if (e instanceof org.apache.commons.compress.archivers.tar.TarArchiveEntry t
        && (t.isSymbolicLink() || t.isLink())) {
      return t.getLinkName();
    }
    if (e instanceof org.apache.commons.compress.archivers.zip.ZipArchiveEntry z
        && z.isUnixSymlink()) {
      return "a path";
    }
    return null;
  }
}
