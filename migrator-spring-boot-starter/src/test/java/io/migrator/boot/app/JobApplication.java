package io.migrator.boot.app;

import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * A whole web application with what job mode must never start: a
 * {@code CommandLineRunner} and a {@code @Scheduled} task, each announcing itself on
 * standard output and in a flag.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableScheduling
public class JobApplication {

	static final String RUNNER_RAN = "JOB-TEST: the CommandLineRunner ran";

	static final String SCHEDULED_RAN = "JOB-TEST: the scheduled task ran";

	static final AtomicBoolean runnerRan = new AtomicBoolean();

	static final AtomicBoolean scheduledRan = new AtomicBoolean();

	public static void main(String[] args) {
		SpringApplication.run(JobApplication.class, args);
	}

	@Bean
	CommandLineRunner announcingRunner() {
		return (args) -> {
			runnerRan.set(true);
			System.out.println(RUNNER_RAN);
		};
	}

	@Bean
	AnnouncingTask announcingTask() {
		return new AnnouncingTask();
	}

	static class AnnouncingTask {

		@Scheduled(fixedDelay = 10)
		void announce() {
			scheduledRan.set(true);
			System.out.println(SCHEDULED_RAN);
		}

	}

}
