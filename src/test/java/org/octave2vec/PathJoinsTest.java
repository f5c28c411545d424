package org.octave2vec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.octave2vec.common.TableRoot;

/**
 * Paths are joined in one place ({@link TableRoot#join}): a {@code + "/" +} in src/main is a path
 * spelled by hand, unless its line says it is a label.
 */
class PathJoinsTest {
  static final Path MAIN = Path.of("src/main/java");

  @Test
  void noPathIsJoinedByHand() throws IOException {
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(MAIN)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        if (f.endsWith("common/TableRoot.java")) {
          continue;
        }
        List<String> lines = Files.readAllLines(f);
        for (int i = 0; i < lines.size(); i++) {
          String l = lines.get(i);
          if (l.contains("+ \"/\" +") && !l.contains("a label, not a path")) {
            found.add(MAIN.relativize(f) + ":" + (i + 1) + ": " + l.strip());
          }
        }
      }
    }
    assertEquals(List.of(), found, "join paths with TableRoot.join");
  }

  @Test
  void joinDropsTrailingSlashesOfTheDirectoryOnly() {
    assertEquals("s3a://b/t/x/y", TableRoot.join("s3a://b/t//", "x", "y"));
    assertEquals("/a/_octave2vec.json", TableRoot.join("/a", "_octave2vec.json"));
    assertEquals("samples/contrastive", TableRoot.samplesName("contrastive"));
    assertEquals("/t/samples/gap", TableRoot.of("/t/").samples("gap"));
  }
}
