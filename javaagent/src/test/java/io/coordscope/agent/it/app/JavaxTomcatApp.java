package io.coordscope.agent.it.app;

import io.coordscope.annotations.CoordinationOp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.servlet.AsyncContext;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

/**
 * The {@code javax.servlet} 4 twin of {@link TomcatServletApp}, run in Tomcat 9: {@code /sync}
 * runs {@code servlet.sync}, {@code /forward} forwards to it, {@code /async} completes on an
 * executor thread after {@code servlet.async}, {@code /throw} throws. Uses only the Tomcat API
 * that Tomcat 9 and 10 share (servlets by class name), so it links against Tomcat 9 at run time.
 * Prints {@link #READY} and the port; runs until stdin closes. {@code java JavaxTomcatApp PORT}.
 */
public final class JavaxTomcatApp {

  public static final String READY = "javax tomcat app ready on port ";

  static final ExecutorService WORK = Executors.newFixedThreadPool(2);

  private JavaxTomcatApp() {}

  public static void main(String[] args) throws Exception {
    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(Files.createTempDirectory("tomcat9-it").toString());
    Connector connector = new Connector();
    connector.setPort(Integer.parseInt(args[0]));
    connector.setProperty("address", "127.0.0.1");
    tomcat.setConnector(connector);
    Context ctx = tomcat.addContext("", null);
    servlet(ctx, "sync", Sync.class, "/sync");
    servlet(ctx, "forward", Forward.class, "/forward");
    servlet(ctx, "async", Async.class, "/async");
    servlet(ctx, "throw", Throw.class, "/throw");
    tomcat.start();
    System.out.println(READY + connector.getLocalPort());
    System.out.flush();
    while (System.in.read() >= 0) {
      // run until the test closes stdin
    }
    tomcat.stop();
    System.exit(0);
  }

  private static void servlet(Context ctx, String name, Class<? extends HttpServlet> type, String path) {
    Tomcat.addServlet(ctx, name, type.getName()).setAsyncSupported(true);
    ctx.addServletMappingDecoded(path, name);
  }

  @CoordinationOp(value = "servlet.sync", kind = "work")
  static String syncWork() {
    return "sync";
  }

  @CoordinationOp(value = "servlet.async", kind = "work")
  static String asyncWork() {
    return "async";
  }

  static void write(HttpServletResponse resp, String body) throws IOException {
    resp.setContentType("text/plain");
    resp.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
  }

  public static final class Sync extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      write(resp, syncWork());
    }
  }

  public static final class Forward extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
      req.getRequestDispatcher("/sync").forward(req, resp);
    }
  }

  public static final class Async extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
      AsyncContext ac = req.startAsync();
      WORK.execute(() -> {
        try {
          write((HttpServletResponse) ac.getResponse(), asyncWork());
        } catch (IOException e) {
          ((HttpServletResponse) ac.getResponse()).setStatus(500);
        }
        ac.complete();
      });
    }
  }

  public static final class Throw extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
      throw new IllegalStateException("boom");
    }
  }
}
