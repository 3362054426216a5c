package io.migrator.boot.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * A whole application with every auto-configuration on the test classpath (web server,
 * actuator, JDBC), started in this JVM or in a child JVM.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class TestApplication {

	public static void main(String[] args) {
		SpringApplication.run(TestApplication.class, args);
	}

}
