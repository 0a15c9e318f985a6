package io.surrogate.proxy.codec;

import java.util.Map;

/**
 * An immutable message sent by a PostgreSQL client, as decoded by {@link FrontendDecoder}.
 *
 * <p>Byte arrays inside messages are owned by the message and must not be modified by readers.
 */
public sealed interface FrontendMessage {

  /** Startup packet of protocol 3.x with its parameters (user, database, options...). */
  record Startup(int protocolVersion, Map<String, String> parameters) implements FrontendMessage {
    public Startup {
      parameters = Map.copyOf(parameters);
    }
  }

  /** Request to switch to TLS before startup. */
  record SslRequest() implements FrontendMessage { }

  /** Request to switch to GSSAPI encryption before startup. */
  record GssEncRequest() implements FrontendMessage { }

  /** Out-of-band request, on a fresh connection, to cancel the query running in another session. */
  record CancelRequest(int processId, int secretKey) implements FrontendMessage { }

  /** Simple query: one or more SQL statements separated by semicolons. */
  record Query(String sql) implements FrontendMessage { }

  /** Extended protocol: prepare a statement; parameter type OIDs may be 0 (unspecified). */
  record Parse(String statement, String sql, int[] parameterTypes) implements FrontendMessage { }

  /** Extended protocol: bind parameter values to a prepared statement, creating a portal. */
  record Bind(String portal, String statement, short[] parameterFormats, byte[][] parameterValues,
      short[] resultFormats) implements FrontendMessage {

    /** Format code (0 text, 1 binary) of parameter {@code index} following the protocol's 0/1/n rule. */
    public int parameterFormat(int index) {
      return formatAt(parameterFormats, index);
    }

    /** Format code of result column {@code index} following the protocol's 0/1/n rule. */
    public int resultFormat(int index) {
      return formatAt(resultFormats, index);
    }

    static int formatAt(short[] formats, int index) {
      if (formats.length == 0) {
        return 0;
      }
      return formats.length == 1 ? formats[0] : formats[index];
    }
  }

  /** Extended protocol: describe a statement ({@code 'S'}) or a portal ({@code 'P'}). */
  record Describe(char kind, String name) implements FrontendMessage { }

  /** Extended protocol: run a portal, returning at most {@code maxRows} rows (0 = all). */
  record Execute(String portal, int maxRows) implements FrontendMessage { }

  /** Extended protocol: end of a batch; the server answers ReadyForQuery. */
  record Sync() implements FrontendMessage { }

  /** Extended protocol: ask the server to flush its pending output. */
  record Flush() implements FrontendMessage { }

  /** Extended protocol: close a statement ({@code 'S'}) or a portal ({@code 'P'}). */
  record Close(char kind, String name) implements FrontendMessage { }

  /** Password, SASLInitialResponse or SASLResponse: its meaning depends on the authentication step. */
  record Password(byte[] data) implements FrontendMessage { }

  /** The client closes the session. */
  record Terminate() implements FrontendMessage { }
}
