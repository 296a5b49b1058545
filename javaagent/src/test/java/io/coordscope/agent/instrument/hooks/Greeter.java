package io.coordscope.agent.instrument.hooks;

/** A class the advice hooks test instruments. */
public class Greeter {
  public String greet(String name) {
    return "hello " + name;
  }

  public String farewell(String name) {
    return "bye " + name;
  }
}
