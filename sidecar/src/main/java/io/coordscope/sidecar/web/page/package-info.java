/**
 * The status page at {@code /}: server-rendered HTML and inline SVG, no script. Every value that
 * comes from a target, a rule or the configuration goes through {@link
 * io.coordscope.sidecar.web.page.Html#escape}.
 */
package io.coordscope.sidecar.web.page;
