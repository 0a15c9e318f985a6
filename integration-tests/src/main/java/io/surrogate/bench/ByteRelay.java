package io.surrogate.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetSocketAddress;

/**
 * A TCP relay that copies bytes between each client and PostgreSQL without reading them, on the same Netty transport
 * and thread count as the proxy. It is the bench's ceiling for any process placed between pgJDBC and PostgreSQL on
 * this machine: the proxy also parses, plans, runs and re-encodes every query.
 */
final class ByteRelay implements AutoCloseable {
  private final EventLoopGroup group;
  private final Channel server;

  private ByteRelay(EventLoopGroup group, Channel server) {
    this.group = group;
    this.server = server;
  }

  /** Starts relaying 127.0.0.1:(free port) to {@code host:port} with {@code threads} event-loop threads. */
  static ByteRelay start(String host, int port, int threads) throws InterruptedException {
    boolean epoll = Epoll.isAvailable();
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads,
        epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    Class<? extends Channel> outbound = epoll ? EpollSocketChannel.class : NioSocketChannel.class;
    ServerBootstrap b = new ServerBootstrap().group(group)
        .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childOption(ChannelOption.AUTO_READ, false)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel client) {
            client.pipeline().addLast(new Frontend(host, port, outbound));
          }
        });
    Channel server = b.bind("127.0.0.1", 0).sync().channel();
    return new ByteRelay(group, server);
  }

  /** The port clients connect to. */
  int port() {
    return ((InetSocketAddress) server.localAddress()).getPort();
  }

  @Override
  public void close() throws InterruptedException {
    server.close().sync();
    group.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).sync();
  }

  /** Copies what one side reads to its peer, and closes the peer when this side closes. */
  private static class Copy extends ChannelInboundHandlerAdapter {
    Channel peer;

    Copy(Channel peer) {
      this.peer = peer;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      peer.writeAndFlush(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      closeOnFlush(peer);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      closeOnFlush(ctx.channel());
    }
  }

  /** The client side: opens the PostgreSQL side on the same event loop, then starts reading from the client. */
  private static final class Frontend extends Copy {
    private final String host;
    private final int port;
    private final Class<? extends Channel> outboundType;

    Frontend(String host, int port, Class<? extends Channel> outboundType) {
      super(null);
      this.host = host;
      this.port = port;
      this.outboundType = outboundType;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      Channel client = ctx.channel();
      Bootstrap b = new Bootstrap().group(client.eventLoop()).channel(outboundType)
          .option(ChannelOption.TCP_NODELAY, true)
          .handler(new Copy(client));
      b.connect(host, port).addListener((ChannelFutureListener) f -> {
        if (f.isSuccess()) {
          peer = f.channel();
          client.config().setAutoRead(true);
        } else {
          client.close();
        }
      });
    }
  }

  private static void closeOnFlush(Channel ch) {
    if (ch != null && ch.isActive()) {
      ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }
  }
}
