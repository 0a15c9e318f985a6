/**
 * Fidelity metrics with SDMetrics' definitions, so scores compare with published ones: KSComplement and
 * TVComplement per column, CorrelationSimilarity and ContingencySimilarity per pair, averaged by
 * {@link io.surrogate.synth.metrics.QualityReport}. Key and PII columns are not scored.
 */
package io.surrogate.synth.metrics;
