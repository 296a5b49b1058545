package io.coordscope.agent.it.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A TCP port that accepts connections and never answers: the worst kind of collector. */
public final class BlackHoleServer implements AutoCloseable {

  private final ServerSocket socket;
  private final List<Socket> held = new CopyOnWriteArrayList<>();

  public BlackHoleServer() throws IOException {
    socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread t =
        new Thread(
            () -> {
              while (!socket.isClosed()) {
                try {
                  // Keep every connection open and unread, bounded by the test's own lifetime.
                  held.add(socket.accept());
                } catch (IOException e) {
                  return;
                }
              }
            },
            "black-hole-accept");
    t.setDaemon(true);
    t.start();
  }

  public String endpoint() {
    return "http://127.0.0.1:" + socket.getLocalPort();
  }

  public int connections() {
    return held.size();
  }

  @Override
  public void close() throws IOException {
    socket.close();
    for (Socket s : held) {
      s.close();
    }
  }
}
