/** Smoke tests of the benchmark commands: they run and write well-formed output (numbers are never asserted). */
package io.surrogate.it.bench;
