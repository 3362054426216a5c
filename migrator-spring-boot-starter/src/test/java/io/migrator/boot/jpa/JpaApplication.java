package io.migrator.boot.jpa;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * The configuration the JPA tests search for; it finds {@link Account} in this package.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class JpaApplication {

}
