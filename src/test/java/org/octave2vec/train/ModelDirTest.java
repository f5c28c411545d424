package org.octave2vec.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.LocalFileSystem;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.octave2vec.common.Task;

/** The real {@link ModelDir#checkpoint}: saved, replaced whole, and readable after a kill. */
class ModelDirTest {
  @TempDir Path dir;

  /**
   * A local file system on which renaming {@code state.json.new} dies as a killed JVM would, after
   * the old state was deleted (configured per test through Hadoop's {@code fs.file.impl}).
   */
  public static final class DiesAtStateRename extends LocalFileSystem {
    @Override
    public boolean rename(org.apache.hadoop.fs.Path src, org.apache.hadoop.fs.Path dst)
        throws IOException {
      if (src.getName().equals("state.json.new")) {
        throw new IOException("killed between delete and rename");
      }
      return super.rename(src, dst);
    }
  }

  private static ComputationGraph tiny() {
    return Audio2VecModels.build(Task.CBOW, ModelConfig.tiny(4));
  }

  @Test
  void aCheckpointIsReadBackWithItsModelAndAnotherReplacesItWhole() throws Exception {
    ModelDir m = new ModelDir(new Configuration(), dir.toString());
    assertFalse(m.hasCheckpoint());
    ComputationGraph g = tiny();
    m.checkpoint(g, new ModelDir.State(1, List.of(0.5), List.of(0.6), List.of(3.0)));
    assertTrue(Files.exists(dir.resolve("checkpoints/epoch-0001.zip")));
    assertEquals(List.of(0.5), m.readState().trainLoss());
    assertEquals(g.params(), m.restoreCheckpoint().params(), "the saved weights come back");

    g.params().addi(1.0); // another epoch's weights
    ModelDir.State s2 = new ModelDir.State(1, List.of(0.5), List.of(0.6), List.of(3.0), 7, 2.5);
    m.checkpoint(g, s2);
    assertEquals(s2, m.readState());
    assertTrue(Files.exists(dir.resolve("checkpoints/epoch-0002-step-000007.zip")));
    assertEquals(g.params(), m.restoreCheckpoint().params(), "the state points at the new zip");
    assertFalse(Files.exists(dir.resolve(ModelDir.STATE_NEW)), "nothing left beside the state");
  }

  @Test
  void aKillBetweenDeleteAndRenameLeavesTheNewStateReadable() throws Exception {
    ComputationGraph g = tiny();
    new ModelDir(new Configuration(), dir.toString())
        .checkpoint(g, new ModelDir.State(1, List.of(0.5), List.of(0.6), List.of(3.0)));

    Configuration dying = new Configuration();
    dying.set("fs.file.impl", DiesAtStateRename.class.getName());
    dying.setBoolean("fs.file.impl.disable.cache", true);
    ModelDir m = new ModelDir(dying, dir.toString());
    g.params().addi(1.0);
    ModelDir.State s2 =
        new ModelDir.State(2, List.of(0.5, 0.4), List.of(0.6, 0.5), List.of(3.0, 3.0));
    assertThrows(IOException.class, () -> m.checkpoint(g, s2));
    assertFalse(Files.exists(dir.resolve(ModelDir.STATE)), "the old state was deleted");
    assertTrue(Files.exists(dir.resolve(ModelDir.STATE_NEW)));

    // the next run reads the new state and its model
    ModelDir next = new ModelDir(new Configuration(), dir.toString());
    assertTrue(next.hasCheckpoint());
    assertEquals(s2, next.readState());
    assertEquals(g.params(), next.restoreCheckpoint().params());
  }
}
