/**
 * Runs statements that Calcite pushed whole into a PostgreSQL source over the source's own wire protocol, on the
 * client's event loop, passing the source's rows through as they come. Only the SQL Calcite generated from the
 * plan is ever sent, and only for plans over tables served real. Internal to the proxy.
 */
package io.surrogate.proxy.source;
