package io.surrogate.proxy.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.MessageSizeEstimator;
import io.netty.handler.codec.MessageToByteEncoder;

/** Encodes {@link BackendMessage}s into their wire frames. */
@ChannelHandler.Sharable
public final class BackendEncoder extends MessageToByteEncoder<BackendMessage> {
  /** Size estimator that lets writability account for backend messages queued from other threads. */
  public static final MessageSizeEstimator SIZE_ESTIMATOR = () -> msg -> {
    if (msg instanceof BackendMessage m) {
      return m.estimatedSize();
    }
    if (msg instanceof ByteBuf b) {
      return b.readableBytes();
    }
    return 8;
  };

  /** Creates the encoder; it holds no state and may be shared by all channels. */
  public BackendEncoder() {
    super(BackendMessage.class);
  }

  @Override
  protected void encode(ChannelHandlerContext ctx, BackendMessage msg, ByteBuf out) {
    msg.writeTo(out);
  }

  @Override
  protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, BackendMessage msg, boolean preferDirect) {
    int size = Math.max(64, msg.estimatedSize() + 16);
    return preferDirect ? ctx.alloc().ioBuffer(size) : ctx.alloc().heapBuffer(size);
  }
}
