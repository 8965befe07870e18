package io.athanor.orm.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.HashSet;
import java.util.Set;

/**
 * A TCP relay between the application and a database server that can take the database "down" and bring
 * it "up" again without touching the server, which other tests share: {@link #stop()} closes every
 * connection relayed so far and stops listening, so that new connections are refused, as they are while a
 * server is stopped; {@link #start()} listens on the same port again. To the driver this is exactly a
 * server that went away and came back at the same address.
 */
final class DatabaseOutage implements AutoCloseable {

    private final InetSocketAddress target;
    private final int port;
    /** Guarded by {@code this}, with {@link #listener}: a socket accepted while stopping is closed at once. */
    private final Set<Socket> relayed = new HashSet<>();
    private ServerSocket listener;

    /**
     * Starts relaying to the server.
     *
     * @param host the database server's host
     * @param port the database server's port
     */
    DatabaseOutage(String host, int port) throws IOException {
        this.target = new InetSocketAddress(host, port);
        ServerSocket first = listen(0);
        this.port = first.getLocalPort();
        synchronized (this) {
            listener = first;
        }
        accept(first);
    }

    /** The local port to point the JDBC URL at. */
    int port() {
        return port;
    }

    /** The database goes down: every relayed connection is closed and new ones are refused. */
    synchronized void stop() throws IOException {
        ServerSocket current = listener;
        listener = null;
        if (current != null) {
            current.close();
        }
        for (Socket socket : relayed) {
            closeQuietly(socket);
        }
        relayed.clear();
    }

    /** The database is back, at the same address. */
    void start() throws IOException {
        ServerSocket current = listen(port);
        synchronized (this) {
            listener = current;
        }
        accept(current);
    }

    @Override
    public void close() throws IOException {
        stop();
    }

    private static ServerSocket listen(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        // The port was just closed by stop(): without SO_REUSEADDR, relayed sockets in TIME_WAIT could hold it.
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return socket;
    }

    /** Keeps a socket to close at the next stop(), or closes it now when the relay is down or this listener old. */
    private synchronized boolean track(Socket socket, ServerSocket from) {
        if (listener != from) {
            closeQuietly(socket);
            return false;
        }
        relayed.add(socket);
        return true;
    }

    private synchronized void untrack(Socket socket) {
        relayed.remove(socket);
    }

    private void accept(ServerSocket server) {
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                Socket client;
                try {
                    client = server.accept();
                } catch (IOException stopped) {
                    return; // stop() closed the listener.
                }
                Socket upstream = new Socket();
                try {
                    upstream.connect(target, 5_000);
                } catch (IOException refused) {
                    closeQuietly(client);
                    continue;
                }
                if (track(client, server) && track(upstream, server)) {
                    pump(client, upstream);
                    pump(upstream, client);
                } else {
                    closeQuietly(client);
                    closeQuietly(upstream);
                }
            }
        }, "database-outage-accept-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void pump(Socket from, Socket to) {
        Thread copier = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException closed) {
                // One side closed, or stop() closed both: the relay ends with the connection.
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                untrack(from);
                untrack(to);
            }
        }, "database-outage-pump");
        copier.setDaemon(true);
        copier.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Already closed.
        }
    }
}
