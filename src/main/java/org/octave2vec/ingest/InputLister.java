package org.octave2vec.ingest;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.octave2vec.common.UserException;

/** Lists the input files of an ingest on the driver: files, directories (recursive) and globs. */
public final class InputLister {
  private InputLister() {}

  /** One input file; size and modification time go into provenance. */
  public record InputFile(String path, long size, long modifiedMs) {}

  /** What was found: readable inputs, and files skipped with the reason. */
  public record Listing(List<InputFile> files, Map<String, String> skipped) {
    public long bytes() {
      return files.stream().mapToLong(InputFile::size).sum();
    }
  }

  public static Listing list(Configuration conf, List<String> inputs) {
    Map<String, InputFile> files = new TreeMap<>();
    Map<String, String> skipped = new TreeMap<>();
    for (String input : inputs) {
      Path p = new Path(input);
      try {
        FileSystem fs = p.getFileSystem(conf);
        FileStatus[] matches =
            isGlob(input) ? fs.globStatus(p) : new FileStatus[] {fs.getFileStatus(p)};
        if (matches == null || matches.length == 0) {
          throw new UserException("input not found: " + input + " matches no file");
        }
        for (FileStatus m : matches) {
          if (m.isDirectory()) {
            RemoteIterator<LocatedFileStatus> it = fs.listFiles(m.getPath(), true);
            while (it.hasNext()) {
              add(it.next(), files, skipped, m.getPath());
            }
          } else {
            add(m, files, skipped, null);
          }
        }
      } catch (FileNotFoundException e) {
        throw new UserException("input not found: " + input);
      } catch (IOException e) {
        throw new UserException("cannot list input " + input + ": " + e.getMessage());
      }
    }
    if (files.isEmpty()) {
      throw new UserException(
          "no .csv, .csv.gz, .zip, .tar or .tar.gz file under "
              + inputs
              + (skipped.isEmpty() ? "" : " (" + skipped.size() + " other files skipped)"));
    }
    return new Listing(new ArrayList<>(files.values()), skipped);
  }

  private static void add(
      FileStatus f, Map<String, InputFile> files, Map<String, String> skipped, Path root) {
    String name = f.getPath().getName();
    // hidden and bookkeeping files (.crc, _SUCCESS) are never data; skip without noise
    if (name.startsWith(".") || name.startsWith("_") || hiddenBelow(f.getPath(), root)) {
      return;
    }
    String path = f.getPath().toString();
    if (SourceOpener.kindOf(name) == SourceOpener.Kind.OTHER) {
      skipped.put(path, "not a .csv, .csv.gz, .zip, .tar or .tar.gz file");
    } else {
      files.put(path, new InputFile(path, f.getLen(), f.getModificationTime()));
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
