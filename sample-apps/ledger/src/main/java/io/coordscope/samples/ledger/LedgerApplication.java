package io.coordscope.samples.ledger;

import io.coordscope.samples.common.FaultSwitch;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The ledger service, on Spring Boot: it grants, renews and releases leases on work items, so at
 * most one worker processes an item at a time. It is instrumented exactly like the plain-JDK
 * services: annotations on the bean methods and the agent in {@code JAVA_TOOL_OPTIONS}.
 * Environment: {@code PORT} (8084), {@code BIND_ADDRESS}, the fault switch.
 */
@SpringBootApplication
@EnableScheduling
public class LedgerApplication {

  public static void main(String[] args) {
    SpringApplication.run(LedgerApplication.class, args);
  }

  @Bean
  FaultSwitch faultSwitch() {
    return FaultSwitch.fromEnvironment(System.getenv());
  }
}
