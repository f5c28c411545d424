/**
 * Linear-probe evaluation of embeddings: grouped, stratified folds ({@link org.octave2vec.eval.Folds}),
 * a softmax probe and a ridge probe on standardized features ({@link org.octave2vec.eval.Probe},
 * {@link org.octave2vec.eval.RidgeProbe}), nested choice of the L2 weight
 * ({@link org.octave2vec.eval.Evaluator}), label files ({@link org.octave2vec.eval.Labels}),
 * baselines ({@link org.octave2vec.eval.BandStats}), 2-D PCA and the report
 * ({@link org.octave2vec.eval.ReportWriter}).
 *
 * <p>Everything but {@link org.octave2vec.eval.EvaluateJob} is plain Java on the driver: the job
 * only reads the tables, lines windows up across feature sets and collects them.
 */
package org.octave2vec.eval;
