/** PostgreSQL type OIDs and the text and binary encodings of values and parameters. */
package io.surrogate.proxy.types;
