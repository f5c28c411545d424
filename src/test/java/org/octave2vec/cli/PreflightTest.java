package org.octave2vec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.octave2vec.common.UserException;

/** What the pre-flight leaves to the job: other file systems and globs; local paths it checks. */
class PreflightTest {
  @TempDir Path dir;

  @Test
  void remotePathsAndGlobsAreLeftToTheJob() {
    assertNull(Preflight.local("s3a://bucket/in"));
    assertNull(Preflight.local("hdfs://nn/t"));
    assertEquals(Path.of("/x/y"), Preflight.local("file:///x/y"));
    assertEquals(Path.of("rel/t"), Preflight.local("rel/t"));
    Preflight.input("--input", "s3a://bucket/nope");
    Preflight.input("--input", dir.resolve("nope/*.csv").toString());
    Preflight.table("--slices", "hdfs://nn/nope", "slices", "slice");
    Preflight.model("--model", "s3a://bucket/nope");
    Preflight.output("--output", "s3a://bucket/out");
  }

  @Test
  void anOutputIsWritableWhenItsNearestExistingAncestorIs() throws Exception {
    Preflight.output("--output", dir.resolve("a/b/c").toString());
    Path file = Files.writeString(dir.resolve("f"), "x");
    UserException e =
        assertThrows(
            UserException.class,
            () -> Preflight.output("--output", file.resolve("a/b").toString()));
    assertEquals(
        "--output: output not writable: " + file.resolve("a/b") + " (" + file + " is a file)",
        e.getMessage());
    assertThrows(UserException.class, () -> Preflight.output("--output", file.toString()));
  }

  @Test
  void aTableIsNamedByItsMetadata() throws Exception {
    Path t = Files.createDirectories(dir.resolve("emb_gap"));
    Files.writeString(t.resolve("_octave2vec.json"), "{\"table\": \"embeddings\"}");
    Preflight.table("--embeddings", t.toString(), "embeddings", "embed");
    Files.writeString(t.resolve("_octave2vec.json"), "{\"table\": \"embeddings_pooled\"}");
    Preflight.table("--embeddings", t.toString(), "embeddings", "embed");
    Files.writeString(t.resolve("_octave2vec.json"), "{not json");
    UserException e =
        assertThrows(
            UserException.class,
            () -> Preflight.table("--embeddings", t.toString(), "embeddings", "embed"));
    assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    assertTrue(
        e.getMessage().startsWith("--embeddings: cannot read " + t.resolve("_octave2vec.json")),
        e.getMessage());
  }

  /** Outputs never land inside a table: export-csv --output T/frames wrote into the table. */
  @Test
  void anOutputInsideATableIsRefused() throws Exception {
    Path frames = Files.createDirectories(dir.resolve("T/frames"));
    Files.writeString(frames.resolve("_octave2vec.json"), "{\"table\": \"frames\"}");
    Path emb = Files.createDirectories(dir.resolve("T/embeddings"));
    Files.writeString(emb.resolve("_octave2vec.json"), "{\"table\": \"embeddings\"}");
    UserException self =
        assertThrows(
            UserException.class,
            () -> Preflight.outputOutsideTables("--output", frames.toString()));
    assertTrue(self.getMessage().contains("holds the frames table"), self.getMessage());
    UserException inside =
        assertThrows(
            UserException.class,
            () -> Preflight.outputOutsideTables("--report", frames.resolve("r/x").toString()));
    assertTrue(inside.getMessage().startsWith("--report: "), inside.getMessage());
    assertTrue(inside.getMessage().contains("inside the frames table"), inside.getMessage());
    // the table the job writes may be replaced; a sibling of the tables is fine
    Preflight.outputOutsideTables("--output", emb.toString(), "embeddings");
    Preflight.outputOutsideTables("--model", dir.resolve("T/model").toString());
    assertThrows(
        UserException.class, () -> Preflight.outputOutsideTables("--model", emb.toString()));
  }
}
