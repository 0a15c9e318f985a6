/** End-to-end tests of the PostgreSQL proxy with real clients: psql, psycopg2, node-postgres and pgJDBC. */
package io.surrogate.it.proxy;
