package org.octave2vec.common;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One writer at a time on a table root: {@code _octave2vec.lock} under it, created only if absent
 * and naming its holder (job, host, pid, start). {@code nightly}, {@code ingest}, {@code slice} and
 * {@code samples} hold it while they write; a second writer gets a one-line {@link UserException}
 * (status 2) naming the holder.
 *
 * <p>Create-if-absent is atomic on local disks ({@code O_CREAT|O_EXCL}) and on HDFS (the NameNode
 * refuses a second create). S3A in Hadoop 3.3 checks and then writes: two writers starting within
 * the same second may both get in there (docs/nightly.md). A lock left by a run that died is taken
 * over, with a warning, once its holder is known to be gone (same host, process no longer running)
 * or once it is older than {@value #STALE_AFTER} (Hadoop duration, default 24h). Taking over is
 * itself atomic among takers ({@link #takeOver}): exactly one of several runs that find the same
 * dead holder gets the lock.
 */
public final class TableLock implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TableLock.class);
  public static final String FILE = "_octave2vec.lock";

  /** Hadoop property ({@code spark.hadoop.} in a profile): age after which a lock is stale. */
  public static final String STALE_AFTER = "octave2vec.lock.staleAfter";

  static final long DEFAULT_STALE_MS = TimeUnit.HOURS.toMillis(24);

  /** What the lock file holds: who writes, and a token so that only its holder removes it. */
  public record Holder(
      @JsonProperty(value = "job", required = true) String job,
      @JsonProperty(value = "host", required = true) String host,
      @JsonProperty(value = "pid", required = true) long pid,
      @JsonProperty(value = "started", required = true) String started,
      @JsonProperty(value = "token", required = true) String token) {

    static Holder me(String job) {
      return new Holder(
          job,
          localHost(),
          ProcessHandle.current().pid(),
          Instant.now().toString(),
          UUID.randomUUID().toString());
    }

    /** How the refusal names the holder. */
    public String describe() {
      return "'" + job + "' (pid " + pid + " on " + host + ", since " + started + ")";
    }

    /** A holder on this host whose process is gone cannot come back to its lock. */
    boolean deadHere() {
      return host.equals(localHost()) && ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
    }
  }

  private final FileSystem fs;
  private final Path path;
  private final Holder holder;

  private TableLock(FileSystem fs, Path path, Holder holder) {
    this.fs = fs;
    this.path = path;
    this.holder = holder;
  }

  /** Takes the lock on {@code root} for {@code job}, or refuses in one line naming the holder. */
  public static TableLock acquire(Configuration conf, String root, String job) {
    Path p = new Path(root, FILE);
    Holder me = Holder.me(job);
    try {
      FileSystem fs = p.getFileSystem(conf);
      fs.mkdirs(p.getParent());
      if (createNew(fs, p, me)) {
        return new TableLock(fs, p, me);
      }
      Holder other = read(fs, p);
      long staleMs = conf.getTimeDuration(STALE_AFTER, DEFAULT_STALE_MS, TimeUnit.MILLISECONDS);
      String why = other == null ? null : staleness(other, staleMs);
      if (why != null) {
        LOG.warn(
            "{}: taking over the lock of {} on {}: {}",
            job,
            other.describe(),
            Redact.text(root),
            why);
        if (takeOver(fs, p, other, me, staleMs)) {
          return new TableLock(fs, p, me);
        }
        other = read(fs, p);
      }
      throw new UserException(
          "the tables under "
              + Redact.text(root)
              + " are being written by "
              + (other == null ? "another run" : other.describe())
              + ": wait for it to finish (a lock left by a run that died is taken over after "
              + Duration.ofMillis(staleMs).toHours()
              + " h, or remove "
              + Redact.text(p.toString())
              + ")");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock the tables under " + Redact.text(root), e);
    }
  }

  /** The takeover's own lock, beside the table lock. */
  public static final String TAKEOVER = FILE + ".takeover";

  /**
   * Replaces the lock of {@code stale} with {@code me}, atomically against other takers: a taker
   * must first create {@link #TAKEOVER} (create-if-absent, the same guarantee as the lock itself),
   * then find the lock still held by {@code stale} (not already replaced by a faster taker), and
   * only then delete it and create its own; a plain acquirer that creates the lock in between wins,
   * and the taker gives up. Without this, a second taker that read the same stale holder deleted
   * the first taker's fresh lock: two writers. A takeover lock left by a taker that died is itself
   * taken over by the same rules (process gone, or older than a minute).
   */
  static boolean takeOver(FileSystem fs, Path p, Holder stale, Holder me, long staleMs)
      throws IOException {
    Path t = new Path(p.getParent(), TAKEOVER);
    if (!createNew(fs, t, me)) {
      Holder taker = read(fs, t);
      if (taker == null || staleness(taker, Math.min(staleMs, 60_000)) == null) {
        return false; // another run is taking over right now
      }
      fs.delete(t, false);
      if (!createNew(fs, t, me)) {
        return false;
      }
    }
    try {
      return stale.equals(read(fs, p)) && fs.delete(p, false) && createNew(fs, p, me);
    } finally {
      if (me.equals(read(fs, t))) {
        fs.delete(t, false);
      }
    }
  }

  /** Why {@code other}'s lock may be taken over, or null while it may still be in use. */
  static String staleness(Holder other, long staleMs) {
    if (other.deadHere()) {
      return "its process is no longer running";
    }
    Instant started;
    try {
      started = Instant.parse(other.started());
    } catch (RuntimeException e) {
      return "its start time '" + other.started() + "' cannot be read";
    }
    Duration age = Duration.between(started, Instant.now());
    return age.toMillis() > staleMs
        ? "it is " + age.toHours() + " h old (" + STALE_AFTER + " = " + staleMs / 60_000 + " min)"
        : null;
  }

  /** The holder of the lock now, for tests and messages. */
  public Holder holder() {
    return holder;
  }

  @Override
  public void close() {
    try {
      Holder now = read(fs, path);
      if (holder.equals(now)) {
        fs.delete(path, false);
      } else {
        LOG.warn(
            "{}: the lock {} was taken over by {} while this run held it",
            holder.job(),
            Redact.text(path.toString()),
            now == null ? "nobody" : now.describe());
      }
    } catch (IOException e) {
      LOG.warn(
          "{}: cannot release {}: {}", holder.job(), Redact.text(path.toString()), e.toString());
    }
  }

  /** Creates the lock file only if absent; false when it exists. */
  private static boolean createNew(FileSystem fs, Path p, Holder me) throws IOException {
    byte[] bytes = (Json.write(me) + "\n").getBytes(StandardCharsets.UTF_8);
    if (fs instanceof LocalFileSystem || fs instanceof RawLocalFileSystem) {
      // Hadoop's local create(overwrite=false) checks, then opens: not atomic; O_EXCL is
      java.io.File f =
          fs instanceof LocalFileSystem l
              ? l.pathToFile(p)
              : ((RawLocalFileSystem) fs).pathToFile(p);
      try {
        Files.write(f.toPath(), bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return true;
      } catch (FileAlreadyExistsException e) {
        return false;
      }
    }
    try (OutputStream out = fs.create(p, false)) {
      out.write(bytes);
      return true;
    } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
      return false;
    } catch (IOException e) {
      if (fs.exists(p)) {
        return false; // some file systems report the clash as a plain IOException
      }
      throw e;
    }
  }

  /** The holder in the lock file; null when it is gone or not (yet) readable. */
  private static Holder read(FileSystem fs, Path p) throws IOException {
    try (InputStream in = fs.open(p)) {
      return Json.MAPPER.readValue(in, Holder.class);
    } catch (FileNotFoundException e) {
      return null;
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      return null; // being written by its creator
    }
  }

  private static String localHost() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown-host";
    }
  }
}
