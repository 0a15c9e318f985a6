/**
 * Differential-privacy mechanisms (Laplace, Gaussian, exponential, noisy counts, thresholded category
 * domains, DP bounds and quantiles) and privacy accountants (zCDP for training, RDP for DP-SGD).
 *
 * <p>Every mechanism accepts ε or ρ = +∞ meaning "no noise", for comparison runs only.
 */
package io.surrogate.synth.dp;
