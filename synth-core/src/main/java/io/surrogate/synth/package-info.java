/**
 * The generator contract of Surrogate: table shapes ({@link io.surrogate.synth.TableSpec}), in-memory rows
 * ({@link io.surrogate.synth.TableData}), budgets and costs, and the {@link io.surrogate.synth.Generator}
 * registry. Implementations live in sub-packages, one per generator.
 */
package io.surrogate.synth;
