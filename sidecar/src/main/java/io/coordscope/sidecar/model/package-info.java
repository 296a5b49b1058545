/** The data model shared by scraping, storage, PromQL and rules: label sets and matchers. */
package io.coordscope.sidecar.model;
