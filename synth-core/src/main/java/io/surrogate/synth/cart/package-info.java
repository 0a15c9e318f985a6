/**
 * Differentially private sequential CART generator ({@code generator: cart}): columns are drawn in a
 * visit order, each from a tree over the columns before it whose leaves hold noisy histograms.
 */
package io.surrogate.synth.cart;
