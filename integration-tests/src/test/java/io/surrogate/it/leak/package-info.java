/** Red-team tests proving that no value of a sensitive table leaves Surrogate except through a DP release. */
package io.surrogate.it.leak;
