package io.coordscope.agent.it.app;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * For each service type named in the arguments, loads every provider with {@link ServiceLoader}
 * and prints {@code type -> impl,impl} (or {@code type !! error}). Run with the shaded agent jar
 * on the class path to check that relocated service files still resolve.
 */
public final class ServiceProbe {

  private ServiceProbe() {}

  public static void main(String[] args) {
    for (String type : args) {
      try {
        List<String> impls = new ArrayList<>();
        for (Object provider : ServiceLoader.load(Class.forName(type), ServiceProbe.class.getClassLoader())) {
          impls.add(provider.getClass().getName());
        }
        System.out.println(type + " -> " + String.join(",", impls));
      } catch (Throwable t) {
        System.out.println(type + " !! " + t);
      }
    }
  }
}
