/** Deterministic, partitioned sampling of fitted models from named random streams. */
package io.surrogate.synth.sample;
