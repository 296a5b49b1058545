/**
 * Prometheus-format rule files and their evaluation with Prometheus 2.42 semantics: loading and
 * validation ({@link io.coordscope.sidecar.rules.RuleFiles}), recording and alerting rules, alert
 * states and {@code for} state persistence ({@link io.coordscope.sidecar.rules.RuleManager}).
 */
package io.coordscope.sidecar.rules;
