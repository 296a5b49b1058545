package io.coordscope.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The default service.name and service.version from the main jar's file name. */
class ResourceSettingsTest {

  @ParameterizedTest(name = "{0} -> {1} / {2}")
  @CsvSource(
      value = {
        "spring-petclinic-4.0.0-SNAPSHOT, spring-petclinic, 4.0.0-SNAPSHOT",
        "dispatcher-1.0, dispatcher, 1.0",
        "ledger-2, ledger, 2",
        "app-2.1.RELEASE, app, 2.1.RELEASE",
        "gateway-1.0-rc1, gateway, 1.0-rc1",
        "sample-ledger, sample-ledger, ''",
        "log4j-bridge, log4j-bridge, ''",
        "app--1, app--1, ''",
        "2048, 2048, ''",
        "service-v2, service-v2, ''"
      })
  void aTrailingVersionMovesFromTheNameToTheVersion(String jar, String name, String version) {
    assertThat(ResourceSettings.splitVersion(jar)).containsExactly(name, version);
  }
}
