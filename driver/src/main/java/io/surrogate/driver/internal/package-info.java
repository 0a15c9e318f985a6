/**
 * Internal implementation of the Surrogate driver: engines, Calcite schema and tables, caches, plan
 * cache and JDBC wrappers. Application code should not use this package; it changes without notice.
 */
package io.surrogate.driver.internal;
