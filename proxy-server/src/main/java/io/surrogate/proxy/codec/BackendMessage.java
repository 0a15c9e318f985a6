package io.surrogate.proxy.codec;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** An immutable message sent by the server; it knows how to write its own frame(s). */
public sealed interface BackendMessage {

  /** Writes this message's complete frame(s) to {@code out}. */
  void writeTo(ByteBuf out);

  /** Rough number of bytes this message will occupy once encoded, for channel writability accounting. */
  default int estimatedSize() {
    return 32;
  }

  /** One-byte answer to SSLRequest or GSSENCRequest: {@code 'S'} (accepted) or {@code 'N'} (refused). */
  record EncryptionResponse(char answer) implements BackendMessage {
    @Override
    public void writeTo(ByteBuf out) {
      out.writeByte(answer);
    }
  }

  /** AuthenticationOk (code 0). */
  record AuthenticationOk() implements BackendMessage {
    @Override
    public void writeTo(ByteBuf out) {
      int at = Frames.begin(out, 'R');
      out.writeInt(0);
      Frames.end(out, at);
    }
  }

  /** AuthenticationSASL (code 10) listing the offered mechanisms. */
  record AuthenticationSasl(List<String> mechanisms) implements BackendMessage {
    public AuthenticationSasl {
      mechanisms = List.copyOf(mechanisms);
    }

    @Override
    public void writeTo(ByteBuf out) {
      int at = Frames.begin(out, 'R');
      out.writeInt(10);
      for (String m : mechanisms) {
        Frames.writeCString(out, m);
      }
      out.writeByte(0);
      Frames.end(out, at);
    }
  }

  /** AuthenticationSASLContinue (code 11) or AuthenticationSASLFinal (code 12) carrying SCRAM data. */
  record AuthenticationSaslData(boolean isFinal, String data) implements BackendMessage {
    @Override
    public void writeTo(ByteBuf out) {
      int at = Frames.begin(out, 'R');
      out.writeInt(isFinal ? 12 : 11);
      out.writeCharSequence(data, StandardCharsets.UTF_8);
      Frames.end(out, at);
    }
  }

  /** ParameterStatus: the current value of a reported run-time parameter. */
  record ParameterStatus(String name, String value) implements BackendMessage {
    @Override
    public void writeTo(ByteBuf out) {
      int at = Frames.begin(out, 'S');
      Frames.writeCString(out, name);
      Frames.writeCString(out, value);
      Frames.end(out, at);
    }
  }

  /** BackendKeyData: the process id and secret a client needs to cancel queries of this session. */
  record BackendKeyData(int processId, int secretKey) implements BackendMessage {
    @Override
    public void writeTo(ByteBuf out) {
      int at = Frames.begin(out, 'K');
      out.writeInt(processId);
      out.writeInt(secretKey);
      Frames.end(out, at);
    }
  }

  /** ReadyForQuery with the transaction status: {@code 'I'} idle, {@code 'T'} in a block, {@code 'E'} failed. */
  record ReadyForQuery(char status) implements BackendMessage {
    @Override
    public void writeTo(ByteBuf out) {
      int at = Frames.begin(out, 'Z');
      out.writeByte(status);
      Frames.end(out, at);
    }
  }

  /** One column of a RowDescription. */
  record Field(String name, int typeOid, short typeSize, int typeModifier, short format) { }

  /** RowDescription: names, types and formats of the columns that follow. */
  record RowDescription(List<Field> fields) implements BackendMessage {
    public RowDescription {
      fields = List.copyOf(fields);
    }

    @Override
    public void writeTo(ByteBuf out) {
      int at = Frames.begin(out, 'T');
      out.writeShort(fields.size());
      for (Field f : fields) {
        Frames.writeCString(out, f.name());
        out.writeInt(0);
        out.writeShort(0);
        out.writeInt(f.typeOid());
        out.writeShort(f.typeSize());
        out.writeInt(f.typeModifier());
        out.writeShort(f.format());
      }
      Frames.end(out, at);
    }
  }

  /** DataRow: encoded column values, {@code null} for SQL NULL. */
  record DataRow(byte[][] values) implements BackendMessage {
    @Override
    public void writeTo(ByteBuf out) {
      int at = Frames.begin(out, 'D');
      out.writeShort(values.length);
      for (byte[] v : values) {
        if (v == null) {
          out.writeInt(-1);
        } else {
          out.writeInt(v.length);
          out.writeBytes(v);
        }
      }
      Frames.end(out, at);
    }

    @Override
    public int estimatedSize() {
      int size = 7;
      for (byte[] v : values) {
        size += 4 + (v == null ? 0 : v.length);
      }
      return size;
    }
  }

  /** A batch of DataRows written as one unit, so streaming does not pay one channel write per row. */
  record DataRows(List<DataRow> rows) implements BackendMessage {
    public DataRows {
      rows = List.copyOf(rows);
    }

    @Override
    public void writeTo(ByteBuf out) {
      for (DataRow row : rows) {
        row.writeTo(out);
      }
    }

    @Override
    public int estimatedSize() {
      int size = 0;
      for (DataRow row : rows) {
        size += row.estimatedSize();
      }
      return size;
    }
  }

  /** Several messages written as one unit, so a session pays one channel write per reply, not per message. */
  record Batch(List<BackendMessage> messages) implements BackendMessage {
    public Batch {
      messages = List.copyOf(messages);
    }

    @Override
    public void writeTo(ByteBuf out) {
      for (BackendMessage m : messages) {
        m.writeTo(out);
      }
    }

    @Override
    public int estimatedSize() {
      int size = 0;
      for (BackendMessage m : messages) {
        size += m.estimatedSize();
      }
      return size;
    }
  }

  /** CommandComplete with its tag, e.g. {@code SELECT 3}. */
  record CommandComplete(String tag) implements BackendMessage {
    @Override
    public void writeTo(ByteBuf out) {
      int at = Frames.begin(out, 'C');
      Frames.writeCString(out, tag);
      Frames.end(out, at);
    }
  }

  /** ErrorResponse or NoticeResponse; severity, SQLSTATE and message are always present. */
  record ErrorResponse(boolean notice, String severity, String sqlState, String message, String detail,
      String hint) implements BackendMessage {

    /** An ERROR-level response. */
    public static ErrorResponse error(String sqlState, String message) {
      return new ErrorResponse(false, "ERROR", sqlState, message, null, null);
    }

    /** A FATAL-level response, after which the server closes the connection. */
    public static ErrorResponse fatal(String sqlState, String message) {
      return new ErrorResponse(false, "FATAL", sqlState, message, null, null);
    }

    @Override
    public void writeTo(ByteBuf out) {
      int at = Frames.begin(out, notice ? 'N' : 'E');
      field(out, 'S', severity);
      field(out, 'V', severity);
      field(out, 'C', sqlState);
      field(out, 'M', message);
      field(out, 'D', detail);
      field(out, 'H', hint);
      out.writeByte(0);
      Frames.end(out, at);
    }

    private static void field(ByteBuf out, char code, String value) {
      if (value != null) {
        out.writeByte(code);
        Frames.writeCString(out, value);
      }
    }
  }

  /** ParameterDescription: the type OIDs of a prepared statement's parameters. */
  record ParameterDescription(int[] typeOids) implements BackendMessage {
    @Override
    public void writeTo(ByteBuf out) {
      int at = Frames.begin(out, 't');
      out.writeShort(typeOids.length);
      for (int oid : typeOids) {
        out.writeInt(oid);
      }
      Frames.end(out, at);
    }
  }

  /** A message without a body: ParseComplete, BindComplete, CloseComplete, NoData, PortalSuspended... */
  record Empty(char type) implements BackendMessage {
    public static final Empty PARSE_COMPLETE = new Empty('1');
    public static final Empty BIND_COMPLETE = new Empty('2');
    public static final Empty CLOSE_COMPLETE = new Empty('3');
    public static final Empty NO_DATA = new Empty('n');
    public static final Empty PORTAL_SUSPENDED = new Empty('s');
    public static final Empty EMPTY_QUERY_RESPONSE = new Empty('I');

    @Override
    public void writeTo(ByteBuf out) {
      Frames.end(out, Frames.begin(out, type));
    }
  }
}
