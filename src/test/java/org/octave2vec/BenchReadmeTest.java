package org.octave2vec;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps bench/README.md a complete guide: every script, helper and data file in bench/ and its
 * folders (as {@code data/esc10.sh}) has its row there; bench/java, a source root, is named once.
 */
class BenchReadmeTest {
  private static final Path BENCH = Path.of("bench");

  @Test
  void readmeMentionsEveryFileInBench() throws IOException {
    String readme = Files.readString(BENCH.resolve("README.md"));
    List<String> missing;
    try (Stream<Path> files = Files.walk(BENCH)) {
      missing =
          files
              .filter(Files::isRegularFile)
              .filter(f -> !f.startsWith(BENCH.resolve("java")))
              .filter(f -> !f.toString().contains("__pycache__"))
              .map(f -> BENCH.relativize(f).toString().replace('\\', '/'))
              .filter(name -> !name.equals("README.md") && !readme.contains(name))
              .sorted()
              .toList();
    }
    assertTrue(missing.isEmpty(), "bench/README.md does not mention: " + missing);
  }

  @Test
  void readmeMentionsTheJavaSourceRoot() throws IOException {
    String readme = Files.readString(BENCH.resolve("README.md"));
    assertTrue(readme.contains("bench/java"), "bench/README.md does not mention bench/java");
  }
}
