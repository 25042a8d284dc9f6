package dev.chaosmonkey.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;

import dev.chaosmonkey.core.ChaosMonkey;
import dev.chaosmonkey.core.RuleInfo;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Per-call cost of the {@code net} point on a loopback echo: one byte written and read back over a
 * {@code java.net.Socket} (woven stream write and read) and over a blocking {@code SocketChannel} (woven channel
 * write and read). Each operation is four woven calls: the client's write and read and the echo side's read and write
 * (a server in the same JVM). Run it without an agent and with the chaos agent ({@code -javaagent:chaos-agent.jar=enabled=true});
 * {@code mode} says what the fork sets up:
 * <ul>
 *   <li>{@code NO_AGENT}: nothing (run without {@code -javaagent});</li>
 *   <li>{@code DISARMED}: a {@code p=0} net rule is armed, one echo made (it must count exactly one decision per
 *   woven call, the proof that the calls are woven), then disarmed: the woven, disarmed state;</li>
 *   <li>{@code NON_MATCHING}: the same proof, then a net rule on another port stays armed: every call decides and
 *   matches nothing.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class NetCallBenchmark {

    /** What the fork sets up (see the class comment). */
    @Param({"NO_AGENT"})
    public String mode;

    private ServerSocket server;
    private Thread echo;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private SocketChannel channel;
    private final ByteBuffer one = ByteBuffer.allocateDirect(1);

    /** Starts the echo server and connects both clients; arms what {@link #mode} asks. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        echo = new Thread(this::serve, "net-bench-echo");
        echo.setDaemon(true);
        echo.start();
        socket = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
        socket.setTcpNoDelay(true);
        in = socket.getInputStream();
        out = socket.getOutputStream();
        channel = SocketChannel.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()));
        channel.socket().setTcpNoDelay(true);
        if (!mode.equals("NO_AGENT")) {
            ChaosMonkey global = ChaosMonkey.global();
            // the clients' remote port is the server's; the echo side's connections have ephemeral peers
            String proof = global.arm("net port=" + server.getLocalPort() + " operation=read -> exception p=0 for=1h");
            socketEcho();
            channelEcho();
            long matched = global.rule(proof).map(RuleInfo::getMatched).orElse(0L);
            global.disarm(proof);
            if (matched != 2) {
                throw new IllegalStateException("the proof rule saw " + matched + " reads instead of 2: are the"
                        + " socket calls woven by the chaos agent?");
            }
            if (mode.equals("NON_MATCHING")) {
                global.arm("net port=1 -> exception for=1h");
            }
        }
    }

    private void serve() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                s.setTcpNoDelay(true);
                Thread t = new Thread(() -> {
                    try (s; InputStream i = s.getInputStream(); OutputStream o = s.getOutputStream()) {
                        for (int b; (b = i.read()) != -1;) {
                            o.write(b);
                        }
                    } catch (IOException e) {
                        // the benchmark ended
                    }
                }, "net-bench-echo-connection");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    /** Closes the clients and the server; disarms. */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        if (!mode.equals("NO_AGENT")) {
            ChaosMonkey.global().disarmAll();
        }
        socket.close();
        channel.close();
        server.close();
    }

    /** One byte written and echoed back over a {@code java.net.Socket}: a woven write and a woven read. */
    @Benchmark
    public int socketEcho() throws IOException {
        out.write(7);
        return in.read();
    }

    /** One byte written and echoed back over a blocking {@code SocketChannel}. */
    @Benchmark
    public int channelEcho() throws IOException {
        one.clear();
        one.put((byte) 7).flip();
        channel.write(one);
        one.clear();
        channel.read(one);
        return one.get(0);
    }
}
