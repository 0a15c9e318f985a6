/**
 * Multi-table synthesis building blocks: foreign-key links, their dependency order, DP-released
 * children-per-parent histograms and deterministic per-parent child layouts.
 *
 * <p>Design note (group privacy): the cardinality histogram's privacy unit is one parent
 * ({@code parent:<table>}); adding or removing a parent moves one clipped count between bins, so its L1
 * sensitivity is 1. The child's row-level statistics are fitted at ε/k (k = the cap on rows per parent),
 * because one parent can change up to k child rows; {@link ParentLink#childEpsilon(double)} computes it.
 */
package io.surrogate.synth.relational;
