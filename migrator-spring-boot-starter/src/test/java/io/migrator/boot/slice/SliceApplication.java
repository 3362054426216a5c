package io.migrator.boot.slice;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;

/**
 * The configuration {@code @JdbcTest} and {@code @DataJpaTest} search for; the JPA test
 * finds its entity, {@link Account}, in this package.
 */
@SpringBootConfiguration
@AutoConfigurationPackage
class SliceApplication {

}
