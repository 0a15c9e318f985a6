/**
 * {@code pg_catalog} and {@code information_schema} emulation: Calcite tables filled from the engine
 * connection's public {@link java.sql.DatabaseMetaData} (names, types, nullability, keys), never from table data.
 * {@code pg_stats}, {@code pg_statistic} and {@code pg_stats_ext} exist and are always empty.
 */
package io.surrogate.proxy.catalog;
