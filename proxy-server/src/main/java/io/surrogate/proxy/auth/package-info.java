/** SCRAM-SHA-256 authentication (RFC 5802 and RFC 7677) as PostgreSQL performs it, server side. */
package io.surrogate.proxy.auth;
