package org.octave2vec.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelDirTest {
  @TempDir Path dir;

  @Test
  void theStateIsReplacedWholeAndSurvivesAKillBetweenDeleteAndRename() throws Exception {
    ModelDir m = new ModelDir(new Configuration(), dir.toString());
    assertFalse(m.hasCheckpoint());
    Path state = dir.resolve(ModelDir.STATE);
    Files.createDirectories(state.getParent());
    var s1 = new ModelDir.State(1, List.of(0.5), List.of(0.6), List.of(3.0));
    // what checkpoint() writes, without a model: the new state first, then the rename
    org.octave2vec.common.Json.write(
        new Configuration(),
        dir.resolve(ModelDir.STATE_NEW).toString(),
        java.util.Map.of(
            "epoch",
            1,
            "model",
            "checkpoints/epoch-0001.zip",
            "train_loss",
            List.of(0.5),
            "val_loss",
            List.of(0.6),
            "seconds",
            List.of(3.0)));
    // killed after the old state was deleted, before the rename: the new one is read
    assertTrue(m.hasCheckpoint());
    assertEquals(s1.epoch(), m.readState().epoch());
    assertEquals(s1.trainLoss(), m.readState().trainLoss());
    // an older complete state beside it wins (the rename had not happened)
    Files.writeString(
        state,
        "{\"epoch\": 0, \"model\": \"x\", \"train_loss\": [], \"val_loss\": [], \"seconds\": []}");
    assertEquals(0, m.readState().epoch());
  }
}
