package org.octave2vec.bench;

import org.octave2vec.train.ModelConfig;

/**
 * The arguments {@code small|reference [width=8] [batch] [steps]} of a per-step model benchmark,
 * from {@code args[from]} on; sets the threads as the jobs do ({@link BenchThreads}).
 */
record ModelArgs(String preset, int width, int batch, int steps, int threads, ModelConfig config) {
  static ModelArgs of(String[] args, int from, int defaultBatch, int defaultSteps) {
    String preset = args[from];
    int w = args.length > from + 1 ? Integer.parseInt(args[from + 1]) : 8;
    int batch = args.length > from + 2 ? Integer.parseInt(args[from + 2]) : defaultBatch;
    int steps = args.length > from + 3 ? Integer.parseInt(args[from + 3]) : defaultSteps;
    ModelConfig c = preset.equals("reference") ? ModelConfig.reference(w) : ModelConfig.small(w);
    return new ModelArgs(preset, w, batch, steps, BenchThreads.apply(), c);
  }
}
