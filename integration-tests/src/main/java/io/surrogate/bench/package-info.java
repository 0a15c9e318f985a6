/**
 * JMH benchmarks of generators, the driver and the proxy; run with {@code integration-tests/bench.sh}.
 * Numbers are reported, never asserted.
 */
package io.surrogate.bench;
