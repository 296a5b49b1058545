/** {@code test rules}: rule unit tests in promtool's format, printed as promtool prints them. */
package io.coordscope.sidecar.ruletest;
