package io.surrogate.proxy.source;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.surrogate.proxy.auth.ScramClient;
import io.surrogate.proxy.auth.ScramExchange;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One protocol connection to the PostgreSQL source: logs in, then runs one {@link SourceCall} at a time as
 * Bind/Execute/Sync on a statement it prepared once, passing DataRow and CommandComplete frames to the client
 * unchanged. A statement's rows pass only on a connection that checked, when it prepared the statement, that the
 * source's column types are the ones the client was told.
 */
final class SourceConnection extends ChannelInboundHandlerAdapter {
  /** Prepared statements kept per connection; the least recently used beyond this is closed on the source. */
  static final int MAX_PREPARED = 256;
  private static final int PROTOCOL_3 = 196608;
  private static final int TEXT = 25;
  private static final int VARCHAR = 1043;

  private final PassThrough owner;
  private final SourcePool pool;
  private final SourceEndpoint endpoint;
  private final SecureRandom random;
  private final Map<SourceStatement, String> prepared = new LinkedHashMap<>(16, 0.75f, true);
  private final List<String> toClose = new ArrayList<>();
  private Channel channel;
  private boolean ready;
  private boolean lost;
  private ScramClient scram;
  private int backendPid;
  private int backendKey;
  private int nextName;
  private SourceCall call;
  /** Cancel requests sent for this connection whose delivery the source has not yet confirmed. */
  private int cancelsInFlight;
  /** Whether the connection finished its call while a cancel request was in flight. */
  private boolean releaseAfterCancel;

  SourceConnection(PassThrough owner, SourcePool pool, SourceEndpoint endpoint, SecureRandom random) {
    this.owner = owner;
    this.pool = pool;
    this.endpoint = endpoint;
    this.random = random;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    channel = ctx.channel();
    ByteBuf out = ctx.alloc().buffer(128);
    out.writeInt(0).writeInt(PROTOCOL_3);
    for (String[] p : new String[][] {{"user", endpoint.user()}, {"database", endpoint.database()},
        {"client_encoding", "UTF8"}, {"DateStyle", "ISO"}, {"extra_float_digits", "3"},
        {"application_name", "surrogate-proxy"}}) {
      cstring(out, p[0]);
      cstring(out, p[1]);
    }
    out.writeByte(0);
    out.setInt(0, out.readableBytes());
    ctx.writeAndFlush(out);
    super.channelActive(ctx);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ByteBuf frame = (ByteBuf) msg;
    boolean kept = false;
    try {
      byte type = frame.getByte(frame.readerIndex());
      if (ready) {
        kept = onCallMessage(type, frame);
      } else {
        onStartupMessage(type, frame);
      }
    } catch (StartupFailure e) {
      fail(e.getMessage());
    } finally {
      if (!kept) {
        frame.release();
      }
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
    SourceCall c = call;
    if (c != null && c.unflushed) {
      // A long result: what this read brought goes to the client now rather than after the last row.
      c.unflushed = false;
      c.client.flush();
    }
    super.channelReadComplete(ctx);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    fail("the source closed the connection");
    super.channelInactive(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    fail("source connection failure: " + cause.getMessage());
    ctx.close();
  }

  private void fail(String reason) {
    if (lost) {
      return;
    }
    lost = true;
    boolean wasReady = ready;
    ready = false;
    SourceCall c = call;
    call = null;
    if (channel != null) {
      channel.close();
    }
    pool.lost(this, wasReady, reason);
    if (c != null) {
      c.connection = null;
      c.complete(c.forwarded ? new SourceOutcome.Failed("08006", reason)
          : new SourceOutcome.Fallback(false, reason));
    }
  }

  // ---- startup ----

  private void onStartupMessage(byte type, ByteBuf f) throws StartupFailure {
    int body = f.readerIndex() + 5;
    switch (type) {
      case 'R' -> authenticate(f.getInt(body), f, body + 4);
      case 'K' -> {
        backendPid = f.getInt(body);
        backendKey = f.getInt(body + 4);
      }
      case 'E' -> throw new StartupFailure("the source refused the login: " + errorField(f, 'M'));
      case 'Z' -> {
        ready = true;
        pool.ready(this);
      }
      default -> {
        // ParameterStatus and notices carry nothing this path needs.
      }
    }
  }

  private void authenticate(int code, ByteBuf f, int at) throws StartupFailure {
    switch (code) {
      case 0 -> {
        // AuthenticationOk
      }
      case 3 -> password(endpointPassword().getBytes(StandardCharsets.UTF_8));
      case 5 -> {
        byte[] salt = new byte[4];
        f.getBytes(at, salt);
        password(("md5" + md5Hex(concat(md5Hex(concat(bytes(endpointPassword()), bytes(endpoint.user())))
            .getBytes(StandardCharsets.US_ASCII), salt))).getBytes(StandardCharsets.US_ASCII));
      }
      case 10 -> {
        List<String> mechanisms = new ArrayList<>();
        int i = at;
        while (f.getByte(i) != 0) {
          int end = f.indexOf(i, f.writerIndex(), (byte) 0);
          mechanisms.add(f.toString(i, end - i, StandardCharsets.UTF_8));
          i = end + 1;
        }
        if (!mechanisms.contains(ScramExchange.MECHANISM)) {
          throw new StartupFailure("the source offers SASL mechanisms " + mechanisms + " (expected: "
              + ScramExchange.MECHANISM + ")");
        }
        scram = new ScramClient(endpointPassword().toCharArray(), random);
        byte[] first = bytes(scram.clientFirst());
        ByteBuf out = channel.alloc().buffer(64 + first.length);
        out.writeByte('p').writeInt(0);
        cstring(out, ScramExchange.MECHANISM);
        out.writeInt(first.length).writeBytes(first);
        finish(out, 1);
      }
      case 11 -> {
        String serverFirst = f.toString(at, f.writerIndex() - at, StandardCharsets.UTF_8);
        try {
          byte[] fin = bytes(scram.clientFinal(serverFirst));
          ByteBuf out = channel.alloc().buffer(8 + fin.length);
          out.writeByte('p').writeInt(0).writeBytes(fin);
          finish(out, 1);
        } catch (ScramExchange.ScramException e) {
          throw new StartupFailure(e.getMessage());
        }
      }
      case 12 -> {
        try {
          scram.verifyServerFinal(f.toString(at, f.writerIndex() - at, StandardCharsets.UTF_8));
        } catch (ScramExchange.ScramException e) {
          throw new StartupFailure(e.getMessage());
        }
      }
      default -> throw new StartupFailure("the source asks for authentication method " + code
          + ", which this path does not speak (it speaks trust, password, md5 and SCRAM-SHA-256)");
    }
  }

  private String endpointPassword() throws StartupFailure {
    if (endpoint.password() == null) {
      throw new StartupFailure("the source asks for a password and none is configured");
    }
    return endpoint.password();
  }

  private void password(byte[] secret) {
    ByteBuf out = channel.alloc().buffer(8 + secret.length);
    out.writeByte('p').writeInt(0).writeBytes(secret).writeByte(0);
    finish(out, 1);
  }

  // ---- calls ----

  /** Starts {@code c} on this idle connection; on the event loop. */
  void start(SourceCall c) {
    call = c;
    c.connection = this;
    c.queuedIn = null;
    SourceStatement st = c.statement;
    ByteBuf out = channel.alloc().ioBuffer(256);
    for (String name : toClose) {
      writeClose(out, name);
    }
    toClose.clear();
    String name = prepared.get(st);
    if (name == null) {
      if (prepared.size() >= MAX_PREPARED) {
        Iterator<String> eldest = prepared.values().iterator();
        writeClose(out, eldest.next());
        eldest.remove();
      }
      name = "surrogate_" + (++nextName);
      writeParse(out, name, st);
      out.writeByte('D').writeInt(0);
      int at = out.writerIndex() - 4;
      out.writeByte('S');
      cstring(out, name);
      out.setInt(at, out.writerIndex() - at);
      prepared.put(st, name);
      c.parsing = true;
    }
    writeBind(out, name, c);
    out.writeByte('E').writeInt(9).writeByte(0).writeInt(0);
    out.writeByte('S').writeInt(4);
    channel.writeAndFlush(out, channel.voidPromise());
    if (c.cancelRequested) {
      cancelRunning();
    }
  }

  private static void writeParse(ByteBuf out, String name, SourceStatement st) {
    int at = out.writerIndex() + 1;
    out.writeByte('P').writeInt(0);
    cstring(out, name);
    cstring(out, st.sql());
    out.writeShort(st.parameterCount());
    for (int i = 0; i < st.parameterCount(); i++) {
      out.writeInt(st.parameterOid(i));
    }
    out.setInt(at, out.writerIndex() - at);
  }

  private static void writeBind(ByteBuf out, String name, SourceCall c) {
    int at = out.writerIndex() + 1;
    out.writeByte('B').writeInt(0);
    out.writeByte(0);
    cstring(out, name);
    out.writeShort(c.formats.length);
    for (short f : c.formats) {
      out.writeShort(f);
    }
    out.writeShort(c.values.length);
    for (byte[] v : c.values) {
      if (v == null) {
        out.writeInt(-1);
      } else {
        out.writeInt(v.length).writeBytes(v);
      }
    }
    out.writeShort(c.resultFormats.length);
    for (short f : c.resultFormats) {
      out.writeShort(f);
    }
    out.setInt(at, out.writerIndex() - at);
  }

  private static void writeClose(ByteBuf out, String name) {
    int at = out.writerIndex() + 1;
    out.writeByte('C').writeInt(0).writeByte('S');
    cstring(out, name);
    out.setInt(at, out.writerIndex() - at);
  }

  /** Handles one message of a running call; returns whether the frame was handed on (and must not be freed). */
  private boolean onCallMessage(byte type, ByteBuf f) {
    SourceCall c = call;
    if (c == null) {
      // Only notices and parameter changes arrive between calls.
      return false;
    }
    switch (type) {
      case 'T' -> {
        if (c.parsing) {
          checkColumns(c, f);
        }
        return false;
      }
      case 'n' -> {
        if (c.parsing) {
          reject(c, "the source statement returns no rows");
        }
        return false;
      }
      case 'D', 'C' -> {
        return forward(c, f);
      }
      case 'E' -> {
        String code = errorField(f, 'C');
        c.errorCode = code == null ? "XX000" : code;
        c.errorMessage = String.valueOf(errorField(f, 'M'));
        // A statement the source dropped or whose result type changed (DDL) is prepared afresh next time, and
        // this execution runs on the engine's path, which plans against the source as it is now.
        boolean stale = "26000".equals(code) || "0A000".equals(code);
        if (c.parsing || stale) {
          String name = prepared.remove(c.statement);
          if (name != null && !c.parsing) {
            toClose.add(name);
          }
        }
        // A statement the source cannot prepare (class 42) gets the engine's own error, as without this path.
        c.retry = stale || c.parsing && code != null && code.startsWith("42");
        return false;
      }
      case 'Z' -> {
        call = null;
        c.connection = null;
        if (c.unflushed) {
          c.unflushed = false;
        }
        channel.config().setAutoRead(true);
        if (cancelsInFlight > 0) {
          // A cancel request still on its way must not hit the next call on this connection.
          releaseAfterCancel = true;
        } else {
          pool.ready(this);
        }
        c.complete(c.outcome());
        return false;
      }
      default -> {
        // ParseComplete, BindComplete, CloseComplete, ParameterDescription, notices: nothing to do.
        return false;
      }
    }
  }

  private void checkColumns(SourceCall c, ByteBuf f) {
    int i = f.readerIndex() + 5;
    int n = f.getUnsignedShort(i);
    i += 2;
    SourceStatement st = c.statement;
    if (n != st.columnCount()) {
      reject(c, "the source returns " + n + " columns, the client was told " + st.columnCount());
      return;
    }
    for (int k = 0; k < n; k++) {
      i = f.indexOf(i, f.writerIndex(), (byte) 0) + 1;
      int oid = f.getInt(i + 6);
      if (!sameWireFormat(oid, st.columnOid(k))) {
        reject(c, "column " + (k + 1) + " has type " + oid + " on the source, the client was told "
            + st.columnOid(k));
        return;
      }
      i += 18;
    }
  }

  /** Whether values of source type {@code source} read as type {@code told}: equal, or text and varchar. */
  static boolean sameWireFormat(int source, int told) {
    return source == told || (source == TEXT || source == VARCHAR) && (told == TEXT || told == VARCHAR);
  }

  private void reject(SourceCall c, String reason) {
    c.rejected = true;
    c.rejectReason = reason;
    String name = prepared.remove(c.statement);
    if (name != null) {
      toClose.add(name);
    }
    owner.reject(c.statement);
  }

  private boolean forward(SourceCall c, ByteBuf f) {
    if (c.rejected || c.errorCode != null || !c.client.isActive()) {
      return false;
    }
    c.forwarded = true;
    c.unflushed = true;
    c.client.write(f, c.client.voidPromise());
    if (!c.client.isWritable()) {
      c.unflushed = false;
      c.client.flush();
      if (!c.client.isWritable()) {
        channel.config().setAutoRead(false);
      }
    }
    return true;
  }

  /** Reads from the source again after the client drained; on the event loop. */
  void resumeReading() {
    if (!lost && channel != null && !channel.config().isAutoRead()) {
      channel.config().setAutoRead(true);
    }
  }

  /** Sends a CancelRequest for what this connection runs now; on the event loop. */
  void cancelRunning() {
    // A client gone away will not drain the rows, so reading resumes and the rows are dropped.
    resumeReading();
    cancelsInFlight++;
    owner.sendCancel(channel.eventLoop(), backendPid, backendKey, this::cancelDelivered);
  }

  private void cancelDelivered() {
    cancelsInFlight--;
    if (cancelsInFlight == 0 && releaseAfterCancel && !lost) {
      releaseAfterCancel = false;
      pool.ready(this);
    }
  }

  /** Ends the session on the source politely; on the event loop. */
  void terminate() {
    lost = true;
    if (channel != null && channel.isActive()) {
      ByteBuf out = channel.alloc().buffer(5);
      out.writeByte('X').writeInt(4);
      channel.writeAndFlush(out).addListener(f -> channel.close());
    }
  }

  // ---- helpers ----

  private void finish(ByteBuf out, int lengthAt) {
    out.setInt(lengthAt, out.writerIndex() - lengthAt);
    channel.writeAndFlush(out, channel.voidPromise());
  }

  private static void cstring(ByteBuf out, String s) {
    out.writeCharSequence(s, StandardCharsets.UTF_8);
    out.writeByte(0);
  }

  /** A field of an ErrorResponse, or null. */
  static String errorField(ByteBuf f, char field) {
    int i = f.readerIndex() + 5;
    int end = f.writerIndex();
    while (i < end && f.getByte(i) != 0) {
      byte code = f.getByte(i);
      int stop = f.indexOf(i + 1, end, (byte) 0);
      if (stop < 0) {
        return null;
      }
      if (code == field) {
        return f.toString(i + 1, stop - i - 1, StandardCharsets.UTF_8);
      }
      i = stop + 1;
    }
    return null;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] r = new byte[a.length + b.length];
    System.arraycopy(a, 0, r, 0, a.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }

  private static String md5Hex(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 unavailable", e);
    }
  }

  /** A login the source refused or that this path cannot complete. */
  private static final class StartupFailure extends Exception {
    private static final long serialVersionUID = 1L;

    StartupFailure(String message) {
      super(message);
    }
  }
}
