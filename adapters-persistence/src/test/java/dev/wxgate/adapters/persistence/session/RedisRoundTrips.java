package dev.wxgate.adapters.persistence.session;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.redisson.client.NettyHook;
import org.redisson.client.protocol.CommandData;
import org.redisson.client.protocol.CommandsData;

/**
 * Test hook: counts what a Redisson client sends, as round trips (one write of a command or a batch) and commands
 * (their names), leaving out the client's own connection upkeep (PING, CLIENT, HELLO, a Sentinel or Cluster client's topology scans, ...).
 */
final class RedisRoundTrips implements NettyHook {
    private static final Set<String> UPKEEP =
            Set.of("PING", "CLIENT", "HELLO", "AUTH", "SELECT", "READONLY", "INFO", "SENTINEL", "CLUSTER", "ROLE");

    private final List<List<String>> trips = new ArrayList<>();

    @Override
    public void afterBoostrapInitialization(Bootstrap bootstrap) {}

    @Override
    public void afterChannelInitialization(Channel channel) {
        channel.pipeline().addLast(new ChannelOutboundHandlerAdapter() {
            @Override
            public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
                record(msg);
                super.write(ctx, msg, promise);
            }
        });
    }

    private synchronized void record(Object message) {
        List<String> names = new ArrayList<>();
        if (message instanceof CommandsData batch) {
            batch.getCommands()
                    .forEach(command -> names.add(command.getCommand().getName()));
        } else if (message instanceof CommandData<?, ?> command) {
            names.add(command.getCommand().getName());
        }
        names.removeIf(UPKEEP::contains);
        if (!names.isEmpty()) {
            trips.add(names);
        }
    }

    /** The round trips since the last reset, each as the names of the commands it carried. */
    synchronized List<List<String>> sinceReset() {
        return List.copyOf(trips);
    }

    synchronized void reset() {
        trips.clear();
    }
}
