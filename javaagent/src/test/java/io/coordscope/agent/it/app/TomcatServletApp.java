package io.coordscope.agent.it.app;

import io.coordscope.annotations.CoordinationOp;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

/**
 * A Jakarta Servlet application in an embedded Tomcat, with no propagation code of its own, for
 * the servlet propagation tests. Tomcat's pool has {@link #THREADS} threads.
 *
 * <ul>
 *   <li>{@code /sync}: runs {@code servlet.sync}; {@code /forward} and {@code /include} dispatch to it;
 *   <li>{@code /async}: starts async, runs {@code servlet.async} on an executor thread, completes there;
 *   <li>{@code /asyncdispatch}: starts async and dispatches to {@code /sync} from an executor thread;
 *   <li>{@code /asyncstart}: runs {@code servlet.async} through {@code AsyncContext.start} (Tomcat's pool);
 *   <li>{@code /fail}: answers 500; {@code /throw}: throws; {@code /guarded}: a filter answers 403;
 *   <li>{@code /probe}: fills all of Tomcat's threads at once with a {@code servlet.probe}
 *       operation each, outside any request, and answers how many threads ran one.
 * </ul>
 *
 * Prints {@link #READY} and the port; runs until stdin closes. {@code java TomcatServletApp [PORT]}.
 */
public final class TomcatServletApp {

  public static final String READY = "tomcat app ready on port ";
  public static final int THREADS = 8;

  static final ExecutorService WORK = Executors.newFixedThreadPool(4);
  static Executor tomcatPool;

  private TomcatServletApp() {}

  public static void main(String[] args) throws Exception {
    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(Files.createTempDirectory("tomcat-it").toString());
    Connector connector = new Connector();
    connector.setPort(args.length > 0 ? Integer.parseInt(args[0]) : 0);
    connector.setProperty("address", "127.0.0.1");
    connector.setProperty("maxThreads", Integer.toString(THREADS));
    connector.setProperty("minSpareThreads", Integer.toString(THREADS));
    tomcat.setConnector(connector);
    Context ctx = tomcat.addContext("", null);
    servlet(ctx, "sync", new SyncServlet(), "/sync");
    ctx.addServletMappingDecoded("/guarded", "sync"); // the filter answers before the servlet runs
    servlet(ctx, "forward", new DispatchServlet(true), "/forward");
    servlet(ctx, "include", new DispatchServlet(false), "/include");
    servlet(ctx, "async", new AsyncServlet(false), "/async");
    servlet(ctx, "asyncdispatch", new AsyncServlet(true), "/asyncdispatch");
    servlet(ctx, "asyncstart", new AsyncStartServlet(), "/asyncstart");
    servlet(ctx, "fail", new FailServlet(), "/fail");
    servlet(ctx, "throw", new ThrowServlet(), "/throw");
    servlet(ctx, "probe", new ProbeServlet(), "/probe");
    FilterDef guard = new FilterDef();
    guard.setFilterName("guard");
    guard.setFilter(new GuardFilter());
    guard.setAsyncSupported("true");
    ctx.addFilterDef(guard);
    FilterMap map = new FilterMap();
    map.setFilterName("guard");
    map.addURLPattern("/*");
    ctx.addFilterMap(map);
    tomcat.start();
    tomcatPool = connector.getProtocolHandler().getExecutor();
    System.out.println(READY + connector.getLocalPort());
    System.out.flush();
    while (System.in.read() >= 0) {
      // run until the test closes stdin
    }
    tomcat.stop();
    System.exit(0);
  }

  private static void servlet(Context ctx, String name, HttpServlet servlet, String path) {
    Wrapper w = Tomcat.addServlet(ctx, name, servlet);
    w.setAsyncSupported(true);
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

  @CoordinationOp(value = "servlet.probe", kind = "probe")
  static String probe(CountDownLatch all) throws InterruptedException {
    all.countDown();
    // Every pool thread holds its probe until all of them run one: each thread is checked once.
    return all.await(30, TimeUnit.SECONDS) ? Thread.currentThread().getName() : "timeout";
  }

  static void write(HttpServletResponse resp, int status, String body) throws IOException {
    resp.setStatus(status);
    resp.setContentType("text/plain");
    resp.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
  }

  static final class SyncServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      write(resp, 200, syncWork());
    }
  }

  static final class DispatchServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final boolean forward;

    DispatchServlet(boolean forward) {
      this.forward = forward;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
      if (forward) {
        req.getRequestDispatcher("/sync").forward(req, resp);
      } else {
        req.getRequestDispatcher("/sync").include(req, resp);
      }
    }
  }

  static final class AsyncServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final boolean dispatch;

    AsyncServlet(boolean dispatch) {
      this.dispatch = dispatch;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
      AsyncContext ac = req.startAsync();
      WORK.execute(() -> {
        try {
          if (dispatch) {
            ac.dispatch("/sync");
            return;
          }
          write((HttpServletResponse) ac.getResponse(), 200, asyncWork());
        } catch (IOException e) {
          ((HttpServletResponse) ac.getResponse()).setStatus(500);
        }
        ac.complete();
      });
    }
  }

  static final class AsyncStartServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
      AsyncContext ac = req.startAsync();
      ac.start(() -> {
        try {
          write((HttpServletResponse) ac.getResponse(), 200, asyncWork());
        } catch (IOException e) {
          ((HttpServletResponse) ac.getResponse()).setStatus(500);
        }
        ac.complete();
      });
    }
  }

  static final class FailServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      write(resp, 500, "failed");
    }
  }

  static final class ThrowServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
      throw new IllegalStateException("boom");
    }
  }

  static final class ProbeServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
      AsyncContext ac = req.startAsync();
      ac.setTimeout(60_000);
      // A plain thread (no context to carry) submits the probes once this request's thread is free.
      Thread t = new Thread(() -> {
        CountDownLatch all = new CountDownLatch(THREADS);
        Set<String> threads = new TreeSet<>();
        CountDownLatch done = new CountDownLatch(THREADS);
        for (int i = 0; i < THREADS; i++) {
          tomcatPool.execute(() -> {
            try {
              String name = probe(all);
              synchronized (threads) {
                threads.add(name);
              }
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            } finally {
              done.countDown();
            }
          });
        }
        try {
          done.await(60, TimeUnit.SECONDS);
          write((HttpServletResponse) ac.getResponse(), 200, Integer.toString(threads.size()));
        } catch (IOException | InterruptedException e) {
          ((HttpServletResponse) ac.getResponse()).setStatus(500);
        }
        ac.complete();
      }, "probe-submitter");
      t.start();
    }
  }

  static final class GuardFilter implements Filter {
    @Override
    public void doFilter(ServletRequest req, ServletResponse resp, FilterChain chain) throws IOException, ServletException {
      if (((HttpServletRequest) req).getRequestURI().equals("/guarded")) {
        write((HttpServletResponse) resp, 403, "forbidden");
        return;
      }
      chain.doFilter(req, resp);
    }
  }
}
