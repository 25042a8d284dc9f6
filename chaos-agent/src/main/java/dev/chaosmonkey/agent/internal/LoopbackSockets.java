package dev.chaosmonkey.agent.internal;

import java.io.IOException;
import java.io.Serializable;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.rmi.server.RMIClientSocketFactory;
import java.rmi.server.RMIServerSocketFactory;

/**
 * Socket factories of the CLI's JMX connector: the server binds the loopback address only (never {@code 0.0.0.0}),
 * and the client (the CLI, which has this jar on its class path) always connects to loopback, whatever host name
 * the RMI stub carries, so no {@code java.rmi.server.hostname} has to be set in the application.
 */
final class LoopbackSockets {
    private LoopbackSockets() {
    }

    /** Binds on loopback only. */
    static final class Server implements RMIServerSocketFactory {
        @Override
        public ServerSocket createServerSocket(int port) throws IOException {
            return new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Server;
        }

        @Override
        public int hashCode() {
            return Server.class.hashCode();
        }
    }

    /** Connects to loopback only; travels inside the RMI stub to the CLI. */
    static final class Client implements RMIClientSocketFactory, Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return new Socket(InetAddress.getLoopbackAddress(), port);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Client;
        }

        @Override
        public int hashCode() {
            return Client.class.hashCode();
        }
    }
}
