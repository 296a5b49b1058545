/**
 * Scraping as Prometheus does it: targets from static and {@code file_sd} configs, one loop per
 * target, job/instance labels, report series, staleness markers, sample and body limits ({@link
 * io.coordscope.sidecar.scrape.ScrapeManager}).
 */
package io.coordscope.sidecar.scrape;
