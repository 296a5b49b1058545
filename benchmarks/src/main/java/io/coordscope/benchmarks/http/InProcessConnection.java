package io.coordscope.benchmarks.http;

import java.net.HttpURLConnection;
import java.net.URL;

/**
 * An {@code HttpURLConnection} that never opens a socket and answers {@code 200}: what the agent's
 * {@code HttpURLConnection} hook works on (it takes any {@code java.net.HttpURLConnection}) without
 * the JDK's network code around it. Request headers are {@code URLConnection}'s own.
 */
final class InProcessConnection extends HttpURLConnection {

  InProcessConnection(URL url) {
    super(url);
  }

  @Override
  public void connect() {}

  @Override
  public void disconnect() {}

  @Override
  public boolean usingProxy() {
    return false;
  }

  @Override
  public int getResponseCode() {
    return HTTP_OK;
  }
}
