package io.migrator.sample.web;

/**
 * A customer as the API shows it.
 *
 * @param id the id
 * @param name the name
 * @param email the e-mail address
 * @param country the ISO country code
 */
public record Customer(long id, String name, String email, String country) {
}
