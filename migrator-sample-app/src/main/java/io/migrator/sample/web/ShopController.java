package io.migrator.sample.web;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The business endpoints: they rely on every migration having been applied (the
 * country seed, the e-mail column, the order-total trigger).
 */
@RestController
class ShopController {

	private final JdbcClient jdbc;

	ShopController(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@GetMapping("/api/countries")
	List<Map<String, Object>> countries() {
		return this.jdbc.sql("SELECT code, name FROM countries ORDER BY code").query().listOfRows();
	}

	@GetMapping("/api/customers")
	List<Customer> customers() {
		return this.jdbc.sql("SELECT id, name, email, country FROM customers ORDER BY id").query(Customer.class).list();
	}

	@PostMapping("/api/customers")
	@ResponseStatus(HttpStatus.CREATED)
	Customer createCustomer(@RequestBody NewCustomer customer) {
		return this.jdbc
			.sql("INSERT INTO customers (name, email, country) VALUES (?, ?, ?) RETURNING id, name, email, country")
			.params(customer.name(), customer.email(), customer.country())
			.query(Customer.class)
			.single();
	}

	@PostMapping("/api/customers/{id}/orders")
	@ResponseStatus(HttpStatus.CREATED)
	Order createOrder(@PathVariable long id, @RequestBody NewOrder order) {
		return this.jdbc.sql("INSERT INTO orders (customer_id, amount) VALUES (?, ?) RETURNING id, customer_id, amount")
			.params(id, order.amount())
			.query(Order.class)
			.single();
	}

	@GetMapping("/api/customers/{id}/total")
	Map<String, Object> total(@PathVariable long id) {
		BigDecimal total = this.jdbc.sql("SELECT order_total FROM customers WHERE id = ?")
			.param(id)
			.query(BigDecimal.class)
			.single();
		return Map.of("customerId", id, "orderTotal", total);
	}

	record NewCustomer(String name, String email, String country) {
	}

	record NewOrder(BigDecimal amount) {
	}

}
