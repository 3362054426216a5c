package io.migrator.boot.slice;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An entity over a table that only migrations create, so Hibernate's schema validation
 * fails unless migrator ran before the EntityManagerFactory.
 */
@Entity
@Table(name = "accounts")
class Account {

	@Id
	private Long id;

	private String name;

	private String email;

	String getName() {
		return this.name;
	}

	String getEmail() {
		return this.email;
	}

}
