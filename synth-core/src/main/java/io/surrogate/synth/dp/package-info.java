/**
 * Differential-privacy mechanisms (discrete Gaussian and discrete Laplace for counts, Gaussian for real values, exponential, noisy counts, thresholded category
 * domains, DP bounds and quantiles) and privacy accountants (zCDP for training, RDP for DP-SGD).
 *
 * <p>Noise comes from a {@link io.surrogate.synth.dp.NoiseSource}, fresh per training. Every mechanism accepts ε or ρ = +∞ meaning "no noise", for comparison runs only.
 */
package io.surrogate.synth.dp;
