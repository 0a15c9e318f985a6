package io.surrogate.proxy.relay;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.util.ReferenceCountUtil;
import io.surrogate.proxy.source.SourceEndpoint;
import io.surrogate.proxy.source.SourceLogin;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One client session's connection to the twin: it logs in as the twin's client role on the client channel's
 * event loop, then carries the client's bytes to the twin and the twin's bytes back, unchanged, with each side's
 * reading paused while the other cannot take more. Closing either side closes the other.
 */
public final class TwinSession {
  private static final int CANCEL_REQUEST_CODE = 80877102;
  private static final int MAX_LOGIN_FRAME = 1 << 20;

  private final Channel client;
  private final Channel twin;
  private final SourceEndpoint endpoint;
  private final TwinGreeting greeting;

  private TwinSession(Channel client, Channel twin, SourceEndpoint endpoint, TwinGreeting greeting) {
    this.client = client;
    this.twin = twin;
    this.endpoint = endpoint;
    this.greeting = greeting;
  }

  /**
   * Connects to {@code endpoint} on {@code client}'s event loop and logs in with {@code settings} (the client's
   * startup parameters); completes once the twin is ready for queries, or exceptionally with a
   * {@link TwinLoginException}.
   */
  public static CompletableFuture<TwinSession> open(Channel client, SourceEndpoint endpoint,
      Map<String, String> settings, SecureRandom random) {
    CompletableFuture<TwinSession> result = new CompletableFuture<>();
    SourceLogin login = new SourceLogin(endpoint, random, settings);
    Bootstrap b = new Bootstrap().group(client.eventLoop()).channel(client.getClass())
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
        .handler(new ChannelInitializer<Channel>() {
          @Override
          protected void initChannel(Channel ch) {
            ch.pipeline().addLast("frames", new LengthFieldBasedFrameDecoder(MAX_LOGIN_FRAME, 1, 4, -4, 0));
            ch.pipeline().addLast("login", new Login(client, endpoint, login, result));
          }
        });
    b.connect(endpoint.host(), endpoint.port()).addListener((ChannelFuture f) -> {
      if (!f.isSuccess()) {
        result.completeExceptionally(new TwinLoginException("08001", "cannot connect to the twin at "
            + endpoint.host() + ":" + endpoint.port() + ": " + f.cause().getMessage()));
      }
    });
    return result;
  }

  public TwinGreeting greeting() {
    return greeting;
  }

  /** Passes bytes the client sent on to the twin; flushed by {@link #flushToTwin()}. */
  public void fromClient(ByteBuf bytes) {
    if (!twin.isActive()) {
      ReferenceCountUtil.release(bytes);
      return;
    }
    twin.write(bytes, twin.voidPromise());
    if (!twin.isWritable()) {
      twin.flush();
      if (!twin.isWritable()) {
        client.config().setAutoRead(false);
      }
    }
  }

  /** Flushes what {@link #fromClient} wrote; called at the end of each read from the client. */
  public void flushToTwin() {
    twin.flush();
  }

  /** The client can take more: reading from the twin goes on. Called when the client channel turns writable. */
  public void clientWritable() {
    twin.config().setAutoRead(true);
  }

  /**
   * Forwards a cancel request to the twin backend with its own key; completes when the twin has closed the
   * cancel connection, as PostgreSQL does once the signal is sent.
   */
  public CompletableFuture<Void> cancel() {
    CompletableFuture<Void> done = new CompletableFuture<>();
    Bootstrap b = new Bootstrap().group(client.eventLoop()).channel(client.getClass())
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
        .handler(new ChannelInboundHandlerAdapter() {
          @Override
          public void channelActive(ChannelHandlerContext ctx) {
            ByteBuf m = ctx.alloc().buffer(16).writeInt(16).writeInt(CANCEL_REQUEST_CODE)
                .writeInt(greeting.processId()).writeInt(greeting.secretKey());
            ctx.writeAndFlush(m);
          }

          @Override
          public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
          }

          @Override
          public void channelInactive(ChannelHandlerContext ctx) {
            done.complete(null);
          }

          @Override
          public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
          }
        });
    b.connect(endpoint.host(), endpoint.port()).addListener((ChannelFuture f) -> {
      if (!f.isSuccess()) {
        done.completeExceptionally(f.cause());
      }
    });
    return done.orTimeout(10, TimeUnit.SECONDS);
  }

  /** Closes the twin side; the twin ends the backend and rolls back what it had open. */
  public void close() {
    twin.close();
  }

  /** Logs in, then turns the twin channel into the relay's twin side. */
  private static final class Login extends ChannelInboundHandlerAdapter {
    private final Channel client;
    private final SourceEndpoint endpoint;
    private final SourceLogin login;
    private final CompletableFuture<TwinSession> result;
    private final List<Map.Entry<String, String>> parameters = new ArrayList<>();
    private int processId;
    private int secretKey;

    Login(Channel client, SourceEndpoint endpoint, SourceLogin login, CompletableFuture<TwinSession> result) {
      this.client = client;
      this.endpoint = endpoint;
      this.login = login;
      this.result = result;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      ctx.writeAndFlush(login.startup(ctx.alloc()));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ByteBuf f = (ByteBuf) msg;
      try {
        byte type = f.getByte(f.readerIndex());
        int body = f.readerIndex() + 5;
        switch (type) {
          case 'R' -> {
            ByteBuf answer = login.answer(f, ctx.alloc());
            if (answer != null) {
              ctx.writeAndFlush(answer);
            }
          }
          case 'S' -> {
            int nameEnd = f.indexOf(body, f.writerIndex(), (byte) 0);
            int valueEnd = f.indexOf(nameEnd + 1, f.writerIndex(), (byte) 0);
            parameters.add(new AbstractMap.SimpleImmutableEntry<>(
                f.toString(body, nameEnd - body, StandardCharsets.UTF_8),
                f.toString(nameEnd + 1, valueEnd - nameEnd - 1, StandardCharsets.UTF_8)));
          }
          case 'K' -> {
            processId = f.getInt(body);
            secretKey = f.getInt(body + 4);
          }
          case 'E' -> fail(ctx, new TwinLoginException(field(f, body, 'C', "08006"),
              "the twin refused the login: " + field(f, body, 'M', "no message")));
          case 'Z' -> ready(ctx, (char) f.getByte(body));
          default -> {
            // NoticeResponse and NegotiateProtocolVersion carry nothing the relay needs.
          }
        }
      } catch (SourceLogin.Failure e) {
        fail(ctx, new TwinLoginException("08004", "cannot log in to the twin: " + e.getMessage()));
      } finally {
        f.release();
      }
    }

    private void ready(ChannelHandlerContext ctx, char status) {
      Channel twin = ctx.channel();
      TwinSession session = new TwinSession(client, twin,
          endpoint, new TwinGreeting(parameters, processId, secretKey, status));
      ctx.pipeline().remove("frames");
      ctx.pipeline().replace(this, "relay", new ToClient(client));
      result.complete(session);
    }

    private void fail(ChannelHandlerContext ctx, TwinLoginException e) {
      result.completeExceptionally(e);
      ctx.close();
    }

    private static String field(ByteBuf f, int at, char code, String absent) {
      int i = at;
      while (i < f.writerIndex() && f.getByte(i) != 0) {
        byte c = f.getByte(i);
        int end = f.indexOf(i + 1, f.writerIndex(), (byte) 0);
        if (end < 0) {
          break;
        }
        if (c == code) {
          return f.toString(i + 1, end - i - 1, StandardCharsets.UTF_8);
        }
        i = end + 1;
      }
      return absent;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      result.completeExceptionally(new TwinLoginException("08006", "the twin closed the connection during login"));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      fail(ctx, new TwinLoginException("08006", "connection to the twin failed during login: " + cause.getMessage()));
    }
  }

  /** The twin side of a relayed session: the twin's bytes go to the client as they come. */
  private static final class ToClient extends ChannelInboundHandlerAdapter {
    private final Channel client;

    ToClient(Channel client) {
      this.client = client;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (!client.isActive()) {
        ReferenceCountUtil.release(msg);
        return;
      }
      client.write(msg, client.voidPromise());
      if (!client.isWritable()) {
        client.flush();
        if (!client.isWritable()) {
          ctx.channel().config().setAutoRead(false);
        }
      }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
      client.flush();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
      if (ctx.channel().isWritable()) {
        client.config().setAutoRead(true);
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      // What the twin sent last (a FATAL error, say) reaches the client before it is closed.
      client.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }
}
