/** The Go-text/template subset used by alert labels and annotations, with Prometheus's functions. */
package io.coordscope.sidecar.rules.template;
