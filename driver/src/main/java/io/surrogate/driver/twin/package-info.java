/**
 * The synthetic twin: a PostgreSQL database with the source's exact schema, synthetic rows in sensitive tables
 * and copied rows in public ones. {@link io.surrogate.driver.twin.TwinBuilder} builds it; the rest is internal.
 */
package io.surrogate.driver.twin;
