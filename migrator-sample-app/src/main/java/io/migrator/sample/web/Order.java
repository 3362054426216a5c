package io.migrator.sample.web;

import java.math.BigDecimal;

/**
 * An order as the API shows it.
 *
 * @param id the id
 * @param customerId the customer who placed it
 * @param amount the amount
 */
public record Order(long id, long customerId, BigDecimal amount) {
}
