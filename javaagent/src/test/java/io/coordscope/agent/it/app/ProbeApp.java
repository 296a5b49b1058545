package io.coordscope.agent.it.app;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Shows from inside the application that instrumentation reaches the agent: it wraps the handler
 * on the bootstrap {@code Bridge} (found with the bootstrap loader only, so it proves the bridge
 * injection), then runs {@link DispatcherApp} loaded by an isolated class loader whose parent is
 * the platform loader and so cannot see the agent's classes, and prints what the bridge saw:
 * {@code probe: enter=3 exit=3 kpi=1 kpiObject=0} or {@code probe: no bridge}.
 *
 * <p>With {@code -Dprobe.wait=true} it first prints {@code probe ready} and waits for one line on
 * stdin (the runtime-attach test attaches the agent meanwhile); DispatcherApp is loaded and run
 * once before that, so it is an already-loaded class when the agent arrives.
 */
public final class ProbeApp {

  private ProbeApp() {}

  public static void main(String[] args) throws Exception {
    ClassLoader isolated = isolatedLoader();
    Class<?> app = isolated.loadClass(DispatcherApp.class.getName());
    Object dispatcher = app.getDeclaredConstructor().newInstance();
    Method dispatch = app.getMethod("dispatch", String.class, boolean.class);
    Method depth = app.getMethod("queueDepth");
    if (Boolean.getBoolean("probe.wait")) {
      dispatch.invoke(dispatcher, "before-attach", false);
      System.out.println("probe ready");
      System.out.flush();
      new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    }
    Map<String, Integer> counts = new TreeMap<>();
    if (!wrapBridge(counts)) {
      System.out.println("probe: no bridge");
      return;
    }
    dispatch.invoke(dispatcher, "probe", false);
    depth.invoke(dispatcher);
    System.out.println(
        "probe: enter=" + counts.getOrDefault("enter", 0) + " exit=" + counts.getOrDefault("exit", 0)
            + " kpi=" + counts.getOrDefault("kpi", 0) + " kpiObject=" + counts.getOrDefault("kpiObject", 0));
  }

  private static boolean wrapBridge(Map<String, Integer> counts) throws Exception {
    Class<?> bridge;
    Class<?> handlerType;
    try {
      bridge = Class.forName("io.coordscope.agent.bootstrap.Bridge", false, null);
      handlerType = Class.forName("io.coordscope.agent.bootstrap.OperationHandler", false, null);
    } catch (ClassNotFoundException e) {
      return false;
    }
    Object original = bridge.getMethod("handler").invoke(null);
    InvocationHandler counting =
        (proxy, method, a) -> {
          if (method.getDeclaringClass() == handlerType) {
            synchronized (counts) {
              counts.merge(method.getName(), 1, Integer::sum);
            }
          }
          return method.invoke(original, a);
        };
    Object proxy = Proxy.newProxyInstance(ProbeApp.class.getClassLoader(), new Class<?>[] {handlerType}, counting);
    bridge.getMethod("install", handlerType).invoke(null, proxy);
    return true;
  }

  private static ClassLoader isolatedLoader() throws Exception {
    String[] entries = System.getProperty("java.class.path").split(File.pathSeparator);
    URL[] urls = new URL[entries.length];
    for (int i = 0; i < entries.length; i++) {
      urls[i] = new File(entries[i]).toURI().toURL();
    }
    return new URLClassLoader("isolated", urls, ClassLoader.getPlatformClassLoader());
  }
}
