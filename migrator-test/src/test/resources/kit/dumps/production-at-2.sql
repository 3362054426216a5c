--
-- PostgreSQL database dump
--

\restrict 8hRCJTYxGWhYyWrUH13bh5ROL6ETrg0tSLKhPRmSsbVXdEyz7bQ2dwS5NdGML69

-- Dumped from database version 15.20 (Debian 15.20-0+deb12u1)
-- Dumped by pg_dump version 15.20 (Debian 15.20-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: orders; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.orders (
    id bigint NOT NULL,
    customer_id bigint NOT NULL,
    amount numeric(12,2) NOT NULL,
    placed_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT orders_amount_check CHECK ((amount > (0)::numeric))
);


--
-- Name: customer_totals; Type: VIEW; Schema: public; Owner: -
--

CREATE VIEW public.customer_totals AS
 SELECT orders.customer_id,
    sum(orders.amount) AS total
   FROM public.orders
  GROUP BY orders.customer_id;


--
-- Name: customers; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.customers (
    id bigint NOT NULL,
    name text NOT NULL
);


--
-- Name: TABLE customers; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.customers IS 'People who order';


--
-- Name: customers_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.customers ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.customers_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: migrator_history; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.migrator_history (
    version bigint NOT NULL,
    description character varying(512) NOT NULL,
    type character varying(16) NOT NULL,
    checksum character varying(64),
    state character varying(16) NOT NULL,
    applied_at timestamp with time zone DEFAULT now() NOT NULL,
    execution_ms bigint DEFAULT 0 NOT NULL,
    applied_by character varying(128) DEFAULT CURRENT_USER NOT NULL
);


--
-- Name: orders_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.orders ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.orders_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: customers customers_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.customers
    ADD CONSTRAINT customers_pkey PRIMARY KEY (id);


--
-- Name: migrator_history migrator_history_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.migrator_history
    ADD CONSTRAINT migrator_history_pkey PRIMARY KEY (version);


--
-- Name: orders orders_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.orders
    ADD CONSTRAINT orders_pkey PRIMARY KEY (id);


--
-- Name: customers_name; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX customers_name ON public.customers USING btree (name);


--
-- Name: orders orders_customer_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.orders
    ADD CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customers(id);


--
-- PostgreSQL database dump complete
--

\unrestrict 8hRCJTYxGWhYyWrUH13bh5ROL6ETrg0tSLKhPRmSsbVXdEyz7bQ2dwS5NdGML69

--
-- PostgreSQL database dump
--

\restrict dXIuOJ4mKbAqrL8KIDa5jmcQklM986i1ZQb1VjaD4OfsrMPRjj2xlae5aaUoPqH

-- Dumped from database version 15.20 (Debian 15.20-0+deb12u1)
-- Dumped by pg_dump version 15.20 (Debian 15.20-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Data for Name: migrator_history; Type: TABLE DATA; Schema: public; Owner: postgres
--

INSERT INTO public.migrator_history VALUES (1, 'create customers', 'sql', '567d3dd1878570631a9584614e87fa5aa869ba68f9d798bda4ec914727933e28', 'applied', '2026-12-02 00:53:11.837548+00', 22, 'postgres');
INSERT INTO public.migrator_history VALUES (2, 'create orders', 'sql', '9d583a33cbfd0387bfe99794e73592cf8b67cccb8e4741ef485fd98ddf40405e', 'applied', '2026-12-02 00:53:11.889065+00', 20, 'postgres');


--
-- PostgreSQL database dump complete
--

\unrestrict dXIuOJ4mKbAqrL8KIDa5jmcQklM986i1ZQb1VjaD4OfsrMPRjj2xlae5aaUoPqH

