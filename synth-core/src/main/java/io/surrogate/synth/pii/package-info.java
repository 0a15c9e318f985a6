/** Data-free fakers for personal-data columns, consistent per synthetic key. */
package io.surrogate.synth.pii;
