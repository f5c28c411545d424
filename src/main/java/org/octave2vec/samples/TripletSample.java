package org.octave2vec.samples;

import java.io.Serializable;

/** Anchor and positive from one run and split; negative from another sensor or UTC day. */
public record TripletSample(String split, SliceRef anchor, SliceRef positive, SliceRef negative)
    implements Serializable {}
