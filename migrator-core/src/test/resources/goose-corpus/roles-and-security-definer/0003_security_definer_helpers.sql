-- +goose Up
-- +goose StatementBegin

-- Register a rider with any tier
CREATE OR REPLACE FUNCTION register_rider(p_email text, p_tier rider_tier)
RETURNS uuid AS $$
DECLARE v_id uuid;
BEGIN
INSERT INTO riders (email, tier)
VALUES (lower(btrim(p_email)), p_tier)
    RETURNING id INTO v_id;
RETURN v_id;
END;
$$ LANGUAGE plpgsql SECURITY DEFINER;

-- Demote safely (respects the “last platinum” rule)
CREATE OR REPLACE FUNCTION set_rider_tier(p_rider_id uuid, p_new_tier rider_tier)
RETURNS void AS $$
DECLARE old_tier rider_tier;
DECLARE others integer;
BEGIN
SELECT tier INTO old_tier FROM riders WHERE id = p_rider_id FOR UPDATE;

IF NOT FOUND THEN
    RAISE EXCEPTION 'rider not found';
END IF;

  -- keep at least one platinum rider
  IF old_tier = 'platinum' AND p_new_tier <> 'platinum' THEN
SELECT COUNT(*) INTO others
FROM riders
WHERE tier = 'platinum' AND id <> p_rider_id;
IF others = 0 THEN
      RAISE EXCEPTION 'cannot demote the last platinum rider';
END IF;
END IF;

UPDATE riders
SET tier = p_new_tier, updated_at = now()
WHERE id = p_rider_id;
END;
$$ LANGUAGE plpgsql SECURITY DEFINER;

-- Only the app role may call them, not PUBLIC
REVOKE ALL ON FUNCTION register_rider(text,rider_tier) FROM PUBLIC;
REVOKE ALL ON FUNCTION set_rider_tier(uuid,rider_tier)  FROM PUBLIC;

GRANT EXECUTE ON FUNCTION register_rider(text,rider_tier) TO corpus_ride_app;
GRANT EXECUTE ON FUNCTION set_rider_tier(uuid,rider_tier)  TO corpus_ride_app;

-- +goose StatementEnd
-- +goose Down
-- +goose StatementBegin
REVOKE EXECUTE ON FUNCTION register_rider(text,rider_tier) FROM corpus_ride_app;
REVOKE EXECUTE ON FUNCTION set_rider_tier(uuid,rider_tier)  FROM corpus_ride_app;

DROP FUNCTION IF EXISTS set_rider_tier(uuid,rider_tier);
DROP FUNCTION IF EXISTS register_rider(text,rider_tier);
-- +goose StatementEnd