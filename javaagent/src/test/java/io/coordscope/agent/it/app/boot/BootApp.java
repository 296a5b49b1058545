package io.coordscope.agent.it.app.boot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A small Spring Boot (MVC on embedded Tomcat) application for the servlet propagation tests; it
 * never references the agent. {@code GET /leases/{id}} runs the {@code lease.take} operation,
 * {@code GET /leases/{id}/boom} throws. Prints {@link #READY} and the port; runs until stdin
 * closes. {@code java BootApp PORT}.
 */
@SpringBootApplication
public class BootApp {

  public static final String READY = "boot app ready on port ";

  public static void main(String[] args) throws Exception {
    ConfigurableApplicationContext ctx = SpringApplication.run(BootApp.class,
        "--server.port=" + args[0], "--server.address=127.0.0.1", "--spring.main.banner-mode=off");
    System.out.println(READY + args[0]);
    System.out.flush();
    while (System.in.read() >= 0) {
      // run until the test closes stdin
    }
    ctx.close();
    System.exit(0);
  }
}
