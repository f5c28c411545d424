/**
 * Linear-probe evaluation of embeddings: grouped, stratified or given folds ({@link
 * org.octave2vec.eval.Folds}), a softmax probe and a ridge probe on standardized features ({@link
 * org.octave2vec.eval.Probe}, {@link org.octave2vec.eval.RidgeProbe}), nested choice of the L2
 * weight and the rule that skips untestable tasks ({@link org.octave2vec.eval.Evaluator}), label
 * files ({@link org.octave2vec.eval.Labels}), windows and clips ({@link
 * org.octave2vec.eval.Windows}, {@link org.octave2vec.eval.Clips}), hand-crafted baselines over
 * each frame once ({@link org.octave2vec.eval.FrameStats}, {@link org.octave2vec.eval.Frames}),
 * feature sets and tasks ({@link org.octave2vec.eval.Features}, {@link org.octave2vec.eval.Tasks}),
 * 2-D PCA and the report ({@link org.octave2vec.eval.ReportWriter}).
 *
 * <p>Everything but {@link org.octave2vec.eval.EvaluateJob} is plain Java on the driver: the job
 * only reads the tables, lines windows up across feature sets and collects them.
 */
package org.octave2vec.eval;
