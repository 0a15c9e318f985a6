/**
 * PostgreSQL protocol v3 framing: a frame decoder into immutable frontend messages and an encoder for immutable
 * backend messages. Nothing here runs SQL.
 */
package io.surrogate.proxy.codec;
