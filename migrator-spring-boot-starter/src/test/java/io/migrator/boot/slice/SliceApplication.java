package io.migrator.boot.slice;

import org.springframework.boot.SpringBootConfiguration;

/**
 * The configuration {@code @JdbcTest} searches for.
 */
@SpringBootConfiguration
class SliceApplication {

}
