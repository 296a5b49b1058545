package io.coordscope.sidecar.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** HTTP statuses of Prometheus's API error types (2.42: bad_data 400, execution 422, timeout 503). */
class QueryExceptionTest {

  @Test
  void statusesFollowPrometheus() {
    assertThat(new QueryException("bad_data", "x").httpStatus()).isEqualTo(400);
    assertThat(new QueryException("execution", "x").httpStatus()).isEqualTo(422);
    assertThat(new QueryException("timeout", "x").httpStatus()).isEqualTo(503);
  }
}
