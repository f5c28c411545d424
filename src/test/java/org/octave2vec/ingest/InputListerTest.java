package org.octave2vec.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every entry under an input is accounted for, whatever its name, and links never make the lister
 * loop or list a file twice (plain Java, no Spark).
 */
class InputListerTest {
  @TempDir Path dir;
  private final Configuration conf = new Configuration();

  /** Creates a file whose name holds the raw bytes given (e.g. Latin-1), through the shell. */
  static void rawName(Path dir, String printfName, String content) throws Exception {
    Path src = Files.writeString(dir.resolve("raw.tmp"), content);
    Process p =
        new ProcessBuilder("bash", "-c", "mv raw.tmp \"$(printf '" + printfName + "')\"")
            .directory(dir.toFile())
            .inheritIO()
            .start();
    assertEquals(0, p.waitFor());
    assertTrue(Files.notExists(src));
  }

  @Test
  void aColonInTheNameIsListedAndOpened() throws IOException {
    Files.writeString(dir.resolve("2024-05-01T00:00:00.csv"), Csv.file(3));
    InputLister.Listing l = InputLister.list(conf, List.of(dir.toString()));
    assertEquals(1, l.files().size());
    String p = l.files().get(0).path();
    assertTrue(p.endsWith("/2024-05-01T00:00:00.csv"), p);
    assertNull(InputPaths.badName(p));
    try (InputStream in = InputPaths.open(conf, p)) {
      assertEquals(Csv.file(3), new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void aNameThatIsNotUtf8IsListedAndNamedBad() throws Exception {
    rawName(dir, "lat\\xe9.csv", Csv.file(3));
    Files.writeString(dir.resolve("ok.csv"), Csv.file(3));
    InputLister.Listing l = InputLister.list(conf, List.of(dir.toString()));
    // Hadoop's own lister drops such a name without a word: here it is listed, then quarantined
    assertEquals(2, l.files().size(), l.files().toString());
    assertEquals(2, l.seen());
    long bad = l.files().stream().filter(f -> InputPaths.badName(f.path()) != null).count();
    assertEquals(1, bad);
    assertNotNull(InputPaths.badName(dir.toUri() + "lat\uFFFD.csv"));
  }

  @Test
  void linkLoopsEndAndEachFileIsListedOnce() throws Exception {
    Files.writeString(dir.resolve("ok.csv"), Csv.file(3));
    Path sub = Files.createDirectories(dir.resolve("sub"));
    Files.writeString(sub.resolve("p2.csv"), Csv.file(3));
    Files.createSymbolicLink(dir.resolve("a"), Path.of("."));
    Files.createSymbolicLink(dir.resolve("b"), Path.of("."));
    Files.createSymbolicLink(sub.resolve("up"), Path.of(".."));
    Files.createSymbolicLink(dir.resolve("again"), Path.of("sub"));
    Files.createSymbolicLink(dir.resolve("alias.csv"), Path.of("ok.csv"));
    Files.createSymbolicLink(dir.resolve("broken.csv"), Path.of("nowhere.csv"));
    Files.writeString(dir.resolve(".hidden.csv"), "x");
    InputLister.Listing l =
        assertTimeoutPreemptively(
            Duration.ofSeconds(20), () -> InputLister.list(conf, List.of(dir.toString())));
    List<String> names =
        l.files().stream().map(f -> f.path().substring(("file:" + dir).length())).toList();
    assertEquals(List.of("/ok.csv", "/sub/p2.csv"), names, "the real files, once each");
    Map<String, String> skipped = l.skipped();
    String base = "file:" + dir;
    assertTrue(skipped.get(base + "/a").contains("link loop"), skipped.toString());
    assertTrue(skipped.get(base + "/b").contains("link loop"), skipped.toString());
    assertTrue(skipped.get(base + "/sub/up").contains("link loop"), skipped.toString());
    assertTrue(skipped.get(base + "/again").contains("listed under that name"), skipped.toString());
    assertTrue(skipped.get(base + "/alias.csv").contains("the same file as"), skipped.toString());
    assertTrue(skipped.get(base + "/broken.csv").contains("broken link"), skipped.toString());
    assertEquals(1, l.ignored(), ".hidden.csv");
    assertEquals(2 + 6 + 1, l.seen(), "listed + skipped + ignored = every entry on disk");
  }
}
