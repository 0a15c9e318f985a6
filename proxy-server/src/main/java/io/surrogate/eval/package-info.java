/** Evaluation of synthetic tables against real rows: fidelity, diagnostics and measured privacy. */
package io.surrogate.eval;
