package org.octave2vec.ingest;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.RemoteIterator;
import org.octave2vec.common.UserException;

/**
 * Lists the input files of an ingest on the driver: files, directories (recursive) and globs.
 *
 * <p>Every entry seen on disk is accounted for: listed (read by the tasks, or quarantined there as
 * a file, e.g. {@code bad_file_name}), skipped with a reason, or ignored as hidden/bookkeeping
 * ({@code .crc}, {@code _SUCCESS}). Local directories are walked with java.nio rather than Hadoop's
 * lister, which drops names it cannot decode without a word and follows link loops forever: here a
 * link is followed at most once per real directory or file.
 */
public final class InputLister {
  private InputLister() {}

  /** One input file; size and modification time go into provenance. */
  public record InputFile(String path, long size, long modifiedMs) {}

  /**
   * What was found: readable inputs, entries skipped with the reason, and how many hidden or
   * bookkeeping entries were ignored; {@code seen() == files + skipped + ignored}.
   */
  public record Listing(List<InputFile> files, Map<String, String> skipped, long ignored) {
    public Listing(List<InputFile> files, Map<String, String> skipped) {
      this(files, skipped, 0);
    }

    public long bytes() {
      return files.stream().mapToLong(InputFile::size).sum();
    }

    /** Every entry the lister saw on disk. */
    public long seen() {
      return files.size() + skipped.size() + ignored;
    }
  }

  public static Listing list(Configuration conf, List<String> inputs) {
    Found found = new Found();
    for (String input : inputs) {
      Path p;
      try {
        p = new Path(input);
      } catch (IllegalArgumentException e) {
        throw new UserException("input " + input + " is not a path: " + e.getMessage());
      }
      try {
        FileSystem fs = p.getFileSystem(conf);
        FileStatus[] matches =
            isGlob(input) ? fs.globStatus(p) : new FileStatus[] {fs.getFileStatus(p)};
        if (matches == null || matches.length == 0) {
          throw new UserException("input not found: " + input + " matches no file");
        }
        for (FileStatus m : matches) {
          if (m.isDirectory() && isLocal(fs)) {
            walkLocal(java.nio.file.Path.of(m.getPath().toUri().getPath()), found);
          } else if (m.isDirectory()) {
            RemoteIterator<LocatedFileStatus> it = fs.listFiles(m.getPath(), true);
            while (it.hasNext()) {
              LocatedFileStatus f = it.next();
              found.add(
                  f.getPath().toString(), f.getLen(), f.getModificationTime(), m.getPath(), f);
            }
          } else {
            found.add(m.getPath().toString(), m.getLen(), m.getModificationTime(), null, m);
          }
        }
      } catch (FileNotFoundException e) {
        throw new UserException("input not found: " + input);
      } catch (IOException e) {
        throw new UserException("cannot list input " + input + ": " + e.getMessage());
      }
    }
    if (found.files.isEmpty()) {
      throw new UserException(
          "no .csv, .csv.gz, .zip, .tar or .tar.gz file under "
              + inputs
              + (found.skipped.isEmpty()
                  ? ""
                  : " (" + found.skipped.size() + " other files skipped)"));
    }
    return new Listing(new ArrayList<>(found.files.values()), found.skipped, found.ignored);
  }

  static boolean isLocal(FileSystem fs) {
    return fs instanceof LocalFileSystem || fs instanceof RawLocalFileSystem;
  }

  /** The string form of a local file, as Hadoop's lister writes it ({@code file:/abs/path}). */
  static String localName(java.nio.file.Path p) {
    return "file:" + p.toAbsolutePath();
  }

  /** Walks a local directory, following links once per real directory and file. */
  private static void walkLocal(java.nio.file.Path root, Found found) throws IOException {
    java.nio.file.Path realRoot = real(root);
    Map<Object, String> seenKeys = new HashMap<>();
    java.util.Set<String> links = new java.util.HashSet<>();
    Files.walkFileTree(
        root,
        EnumSet.of(FileVisitOption.FOLLOW_LINKS),
        Integer.MAX_VALUE,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(java.nio.file.Path dir, BasicFileAttributes a) {
            if (!dir.equals(root) && hidden(dir)) {
              found.ignored++;
              return FileVisitResult.SKIP_SUBTREE;
            }
            java.nio.file.Path target = Files.isSymbolicLink(dir) ? real(dir) : null;
            if (target != null && target.startsWith(realRoot) && !hiddenBelow(target, realRoot)) {
              // the directory is walked under its own name, whichever comes first
              found.skipped.put(localName(dir), "a link to " + target + ", listed under that name");
              return FileVisitResult.SKIP_SUBTREE;
            }
            String first = seenKeys.putIfAbsent(key(dir, a), localName(dir));
            if (first != null) {
              found.skipped.put(localName(dir), "a link to a directory already listed: " + first);
              return FileVisitResult.SKIP_SUBTREE;
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(java.nio.file.Path file, BasicFileAttributes a) {
            String name = localName(file);
            if (hidden(file)) {
              found.ignored++;
            } else if (!a.isRegularFile()) {
              found.skipped.put(
                  name, a.isSymbolicLink() ? "a broken link" : "not a regular file or directory");
            } else {
              Object k = key(file, a);
              String first = seenKeys.putIfAbsent(k, name);
              if (Files.isSymbolicLink(file)) {
                links.add(name);
              }
              if (first == null) {
                found.add(name, a.size(), a.lastModifiedTime().toMillis(), null, null);
              } else if (!links.contains(name) && links.contains(first)) {
                // the real file wins over a link to it seen first: its name names the sensor
                found.files.remove(first);
                found.skipped.put(first, "the same file as " + name + " (a link)");
                seenKeys.put(k, name);
                found.add(name, a.size(), a.lastModifiedTime().toMillis(), null, null);
              } else {
                found.skipped.put(name, "the same file as " + first + " (a link)");
              }
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(java.nio.file.Path file, IOException e) {
            found.skipped.put(
                localName(file),
                e instanceof FileSystemLoopException
                    ? "a link loop (it points back to a directory above it)"
                    : "cannot read: " + e);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  private static Object key(java.nio.file.Path p, BasicFileAttributes a) {
    if (a.fileKey() != null) {
      return a.fileKey();
    }
    try {
      return p.toRealPath();
    } catch (IOException | InvalidPathException e) {
      return p.toAbsolutePath();
    }
  }

  private static java.nio.file.Path real(java.nio.file.Path p) {
    try {
      return p.toRealPath();
    } catch (IOException | InvalidPathException e) {
      return p.toAbsolutePath().normalize();
    }
  }

  /** Whether a directory between {@code root} (excluded) and {@code p} (included) is hidden. */
  private static boolean hiddenBelow(java.nio.file.Path p, java.nio.file.Path root) {
    for (java.nio.file.Path q = p; q != null && !q.equals(root); q = q.getParent()) {
      if (hidden(q)) {
        return true;
      }
    }
    return false;
  }

  private static boolean hidden(java.nio.file.Path p) {
    java.nio.file.Path n = p.getFileName();
    String s = n == null ? "" : n.toString();
    return s.startsWith(".") || s.startsWith("_");
  }

  /** What the walk found so far. */
  private static final class Found {
    final Map<String, InputFile> files = new TreeMap<>();
    final Map<String, String> skipped = new TreeMap<>();
    long ignored;

    void add(String path, long size, long modifiedMs, Path root, FileStatus hadoop) {
      String name = path.substring(path.lastIndexOf('/') + 1);
      // hidden and bookkeeping files (.crc, _SUCCESS) are never data; skip without noise
      if (name.startsWith(".")
          || name.startsWith("_")
          || (hadoop != null && hiddenBelow(hadoop.getPath(), root))) {
        ignored++;
      } else if (SourceOpener.kindOf(name) == SourceOpener.Kind.OTHER) {
        skipped.put(path, "not a .csv, .csv.gz, .zip, .tar or .tar.gz file");
      } else {
        files.put(path, new InputFile(path, size, modifiedMs));
      }
    }
  }

  private static boolean hiddenBelow(Path p, Path root) {
    for (Path q = p.getParent(); root != null && q != null && !q.equals(root); q = q.getParent()) {
      if (q.getName().startsWith(".") || q.getName().startsWith("_")) {
        return true;
      }
    }
    return false;
  }

  private static boolean isGlob(String s) {
    return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0 || s.indexOf('{') >= 0;
  }
}
