package io.migrator.core.snapshot;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import io.migrator.testsupport.TestDatabase;

/**
 * Schemas built from the same DDL under different names, as a migration run builds them:
 * with the schema as the only entry of {@code search_path}.
 */
final class SchemaFixtures {

	/** One object of every kind a snapshot reads, referring to each other unqualified. */
	static final String EVERY_KIND = """
			COMMENT ON SCHEMA %1$s IS 'every kind of object';
			CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
			CREATE DOMAIN positive AS integer NOT NULL DEFAULT 1 CONSTRAINT positive_check CHECK (VALUE > 0);
			CREATE TYPE money_amount AS (currency char(3), cents bigint);
			CREATE SEQUENCE invoice_numbers INCREMENT 10 START 1000;
			CREATE TABLE customers (
			    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
			    email text COLLATE "C" NOT NULL UNIQUE,
			    feeling mood DEFAULT 'ok',
			    visits positive,
			    invoice bigint DEFAULT nextval('invoice_numbers'),
			    email_length int GENERATED ALWAYS AS (length(email)) STORED
			);
			COMMENT ON TABLE customers IS 'who buys';
			COMMENT ON COLUMN customers.email IS 'lower case';
			CREATE TABLE orders (
			    id serial PRIMARY KEY,
			    customer_id bigint NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
			    quantity int NOT NULL CHECK (quantity > 0),
			    during tsrange,
			    CONSTRAINT orders_no_overlap EXCLUDE USING gist (during WITH &&)
			);
			CREATE INDEX orders_customer ON orders (customer_id) WHERE quantity > 1;
			CREATE VIEW big_orders AS SELECT o.id, c.email FROM orders o JOIN customers c ON c.id = o.customer_id
			    WHERE o.quantity > 10;
			CREATE MATERIALIZED VIEW order_counts AS SELECT customer_id, count(*) AS orders FROM orders
			    GROUP BY customer_id;
			CREATE UNIQUE INDEX order_counts_customer ON order_counts (customer_id);
			CREATE FUNCTION order_total(quantity integer, price integer) RETURNS integer LANGUAGE sql IMMUTABLE
			    AS 'SELECT quantity * price';
			CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;
			CREATE PROCEDURE archive(before date) LANGUAGE sql AS $$DELETE FROM orders WHERE false$$;
			CREATE TRIGGER orders_touch BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION touch();
			""";

	/**
	 * The snapshot text of {@link #EVERY_KIND} with an extension added, except the view
	 * definitions (their deparsed layout changes between PostgreSQL versions).
	 */
	static final String EVERY_KIND_TEXT_WITHOUT_VIEWS = """
			schema: comment 'every kind of object'
			extension citext: version 1.6
			enum mood: ('sad', 'ok', 'happy')
			domain positive: integer not null default 1 constraint positive_check CHECK (VALUE > 0)
			composite type money_amount
			sequence invoice_numbers: bigint start 1000 increment 10 min 1 max 9223372036854775807 cache 1
			sequence orders_id_seq: integer start 1 increment 1 min 1 max 2147483647 cache 1 owned by orders.id
			table customers: comment 'who buys'
			table orders
			column customers.email: text collate "C" not null comment 'lower case'
			column customers.email_length: integer generated always as (length(email)) stored
			column customers.feeling: mood default 'ok'::mood
			column customers.id: bigint not null generated always as identity
			column customers.invoice: bigint default nextval('invoice_numbers'::regclass)
			column customers.visits: positive
			column money_amount.cents: bigint
			column money_amount.currency: character(3)
			column orders.customer_id: bigint not null
			column orders.during: tsrange
			column orders.id: integer not null default nextval('orders_id_seq'::regclass)
			column orders.quantity: integer not null
			constraint customers.customers_email_key: UNIQUE (email)
			constraint customers.customers_pkey: PRIMARY KEY (id)
			constraint orders.orders_customer_id_fkey: FOREIGN KEY (customer_id) REFERENCES customers(id) ON DELETE CASCADE
			constraint orders.orders_no_overlap: EXCLUDE USING gist (during WITH &&)
			constraint orders.orders_pkey: PRIMARY KEY (id)
			constraint orders.orders_quantity_check: CHECK (quantity > 0)
			index order_counts_customer: CREATE UNIQUE INDEX order_counts_customer ON order_counts USING btree (customer_id)
			index orders_customer: CREATE INDEX orders_customer ON orders USING btree (customer_id) WHERE quantity > 1
			function order_total(quantity integer, price integer): returns integer language sql immutable body sha256:81677734cce2b538
			function touch(): returns trigger language plpgsql volatile body sha256:8d06b3b371ddc811
			procedure archive(IN before date): language sql body sha256:0d5c371cde7ba1f2
			trigger orders.orders_touch: CREATE TRIGGER orders_touch BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION touch()
			""";

	private SchemaFixtures() {
	}

	/**
	 * Creates {@code schema} and runs {@code ddl} in it ({@code %1$s} in the DDL stands
	 * for the schema's name).
	 */
	static void create(TestDatabase database, String schema, String ddl) throws SQLException {
		try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
			statement.execute("CREATE SCHEMA " + schema);
			statement.execute("SET search_path = " + schema);
			statement.execute(ddl.formatted(schema));
		}
	}

}
