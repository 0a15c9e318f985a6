/**
 * Policies, source identities, schema reading, training, and the versioned store of models and the
 * privacy ledger.
 *
 * <p>Public entry points are {@link io.surrogate.catalog.PolicyLoader}, {@link io.surrogate.catalog.Catalogs},
 * {@link io.surrogate.catalog.SchemaReader} and {@link io.surrogate.catalog.Trainer}; package-private
 * classes are internals.
 */
package io.surrogate.catalog;
