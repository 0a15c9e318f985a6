/**
 * The DP Gaussian copula generator ({@code copula}): noisy per-column histograms, a noisy latent
 * correlation projected to a valid correlation matrix, and table-driven sampling. Only
 * {@link io.surrogate.synth.copula.CopulaGenerator}, {@link io.surrogate.synth.copula.CopulaModel} and
 * {@link io.surrogate.synth.copula.CopulaOptions} are public; the rest are internals.
 */
package io.surrogate.synth.copula;
