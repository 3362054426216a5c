/**
 * Reporting: the results of a run, the messages of failed migrations (what failed, where,
 * what the database holds now, what to do) and the listeners that hear about it.
 */
package io.migrator.core.internal.report;
