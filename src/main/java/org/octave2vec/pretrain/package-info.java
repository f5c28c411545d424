/**
 * {@code pretrain}: the user path in one job — slice → samples → train → embed on a table root that
 * holds {@code frames}, each step with the defaults chosen from the data, skipping the steps whose
 * outputs are current ({@link org.octave2vec.pretrain.PretrainState}).
 */
package org.octave2vec.pretrain;
