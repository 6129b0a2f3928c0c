-- Signed credentials for the duty post (issue 16, decision 068): Ed25519 keys,
-- the private half encrypted with a key the database never sees, and the signed
-- revocation lists the offline verifier downloads.
CREATE TABLE "signing_keys" (
    "id" SERIAL NOT NULL,
    "kid" TEXT NOT NULL,
    "public_key" TEXT NOT NULL,
    "private_key_sealed" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "retired_at" TIMESTAMPTZ(3),
    CONSTRAINT "signing_keys_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "signing_keys_kid_key" ON "signing_keys"("kid");
-- One key signs at a time: two hosts starting together cannot both create one.
CREATE UNIQUE INDEX "signing_keys_one_active" ON "signing_keys"((true)) WHERE "retired_at" IS NULL;

CREATE TABLE "revocation_lists" (
    "id" SERIAL NOT NULL,
    "issued_at" TIMESTAMPTZ(3) NOT NULL,
    "kid" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "signature" TEXT NOT NULL,
    CONSTRAINT "revocation_lists_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "revocation_lists_issued_at_idx" ON "revocation_lists"("issued_at");
ALTER TABLE "revocation_lists" ADD CONSTRAINT "revocation_lists_kid_fkey" FOREIGN KEY ("kid") REFERENCES "signing_keys"("kid") ON DELETE RESTRICT ON UPDATE CASCADE;

-- A key's public half and creation are facts: only retiring it changes the row.
CREATE FUNCTION signing_keys_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR (NEW.kid, NEW.public_key, NEW.private_key_sealed, NEW.created_at) IS DISTINCT FROM
                          (OLD.kid, OLD.public_key, OLD.private_key_sealed, OLD.created_at)
     OR (OLD.retired_at IS NOT NULL AND NEW.retired_at IS DISTINCT FROM OLD.retired_at) THEN
    RAISE EXCEPTION 'a signing key is only ever retired, never changed or deleted' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER signing_keys_guard BEFORE UPDATE OR DELETE ON signing_keys
  FOR EACH ROW EXECUTE FUNCTION signing_keys_guard();
