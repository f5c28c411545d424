package org.octave2vec.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.octave2vec.common.Task;

/** The step budget: how many epochs it takes and how many minibatches a run reads. */
class TrainBudgetTest {
  @Test
  void aStepBudgetRunsAsManyEpochsAsItTakes() {
    TrainOptions o = TrainOptions.of(Task.CONTRASTIVE, "t", "m").withSteps(1200).withEpochs(0);
    assertEquals(17, o.epochsFor(72), "1,200 steps of 72-minibatch epochs: 16 whole and a part");
    assertEquals(1, o.epochsFor(5000), "an epoch longer than the budget: one, partial");
    assertEquals(1200, o.stepLimit());
    assertEquals(800, o.withMaxSteps(800).stepLimit(), "--max-steps below the budget wins");
    assertEquals(1200, o.withMaxSteps(5000).stepLimit());
  }

  @Test
  void withoutABudgetEpochsCount() {
    TrainOptions o = TrainOptions.of(Task.CBOW, "t", "m").withEpochs(3);
    assertEquals(0, o.steps());
    assertEquals(3, o.epochsFor(72));
    assertEquals(0, o.stepLimit());
    assertEquals(7, o.withMaxSteps(7).stepLimit());
  }
}
