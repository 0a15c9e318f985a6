/**
 * Serving from the synthetic twin: once the proxy has authenticated a client, its session is relayed byte for
 * byte to a PostgreSQL session on the twin, logged in as the twin's client role, as PgBouncer does in session
 * mode; cancel requests are forwarded with the twin backend's key.
 */
package io.surrogate.proxy.relay;
