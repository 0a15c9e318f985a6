/**
 * Loading tables from RFC 4180 CSV files into {@link io.surrogate.synth.TableData}, simple type inference,
 * and deterministic train/holdout splits, for tests and evaluation runs.
 */
package io.surrogate.synth.io;
